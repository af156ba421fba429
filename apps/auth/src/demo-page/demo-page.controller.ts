import { Controller, Get, Header, Inject, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public } from '@sso/guard';
import type { Response } from 'express';
import { readFile } from 'node:fs/promises';
import { AUTH_CONFIG, type AuthConfig } from '../config.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../demo/demo-data.js';

/** `apps/auth/public`, from `src/demo-page` (tests) and `dist/demo-page` (the built service) alike. */
const PUBLIC_DIR = new URL('../../public/', import.meta.url);

/** The page's files, by the name the browser asks for: a fixed list, so no path from a URL reaches the disk. */
const PAGE_FILES: Readonly<Record<string, string>> = {
  'app.js': 'text/javascript; charset=utf-8',
  'styles.css': 'text/css; charset=utf-8',
};

/** What the page needs to know that only the configuration says: where the services are, whom to sign in as. */
export interface DemoPageSettings {
  services: { shop: string; helpdesk: string; forum: string };
  /** The seeded demo accounts, or none when SEED_DEMO_DATA is off (the page then asks for an email). */
  accounts: ReadonlyArray<{ email: string; name: string; role: string }>;
  password?: string;
}

/**
 * The browser demo at `/`: plain HTML, one ES module and a style sheet, no build step. The page
 * calls shop, helpdesk and forum itself (CORS, see `ALLOWED_ORIGINS`); auth only hands it out.
 */
@Public()
@ApiTags('demo page')
@Controller()
export class DemoPageController {
  constructor(@Inject(AUTH_CONFIG) private readonly config: AuthConfig) {}

  @Get()
  @ApiOperation({ summary: 'The browser demo' })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The page' })
  async page(@Res() response: Response): Promise<void> {
    response.type('text/html; charset=utf-8').send(await readFile(new URL('index.html', PUBLIC_DIR)));
  }

  @Get('demo/settings.json')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'What the page needs: the services’ URLs and the demo accounts' })
  @ApiOkResponse({ schema: { type: 'object', required: ['services', 'accounts'] } })
  settings(): DemoPageSettings {
    const seeded = this.config.SEED_DEMO_DATA;
    return {
      services: { shop: this.config.DEMO_SHOP_URL, helpdesk: this.config.DEMO_HELPDESK_URL, forum: this.config.DEMO_FORUM_URL },
      accounts: seeded ? DEMO_ACCOUNTS : [],
      password: seeded ? DEMO_PASSWORD : undefined,
    };
  }

  @Get('demo/:file')
  @ApiOperation({ summary: 'The page’s script and style sheet' })
  @ApiProduces('text/javascript', 'text/css')
  @ApiOkResponse({ description: 'The file' })
  async file(@Param('file') file: string, @Res() response: Response): Promise<void> {
    const type = Object.hasOwn(PAGE_FILES, file) ? PAGE_FILES[file] : undefined;
    if (type === undefined) throw new NotFoundException(`No such file: ${file}`);
    response.type(type).send(await readFile(new URL(file, PUBLIC_DIR)));
  }
}
