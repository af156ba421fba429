import { Injectable, NotFoundException, type PipeTransform } from '@nestjs/common';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A route's `:id`. Ids are UUIDs, so anything else names no resource: 404, as for an unknown id,
 * rather than a database error.
 */
@Injectable()
export class ResourceIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value)) throw new NotFoundException(`No resource with id ${JSON.stringify(value.slice(0, 64))}`);
    return value.toLowerCase();
  }
}
