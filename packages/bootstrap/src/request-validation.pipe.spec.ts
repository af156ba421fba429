import { describe, expect, it } from '@jest/globals';
import { BadRequestException, ValidationPipe } from '@nestjs/common';
import { ArrayMaxSize, IsArray, IsInt, IsString, Length, Matches, Min } from 'class-validator';
import { RequestValidationPipe } from './request-validation.pipe.js';

class Registration {
  @IsString()
  @Length(1, 20)
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;

  @IsArray()
  @ArrayMaxSize(50)
  @Matches(/^[a-z:]+$/, { each: true, message: 'each scope must be lower-case letters or :' })
  scope!: string[];

  @IsInt()
  @Min(1)
  quantity!: number;
}

const valid = { name: 'reporting', scope: ['orders:read'], quantity: 1 };

async function messagesFor(pipe: ValidationPipe, body: unknown): Promise<string[]> {
  try {
    await pipe.transform(body, { type: 'body', metatype: Registration });
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    return ((error as BadRequestException).getResponse() as { message: string[] }).message;
  }
  throw new Error('the body was accepted');
}

describe('RequestValidationPipe', () => {
  const pipe = new RequestValidationPipe();

  it('says a value has the wrong type before anything about its content', async () => {
    expect(await messagesFor(pipe, { ...valid, scope: 'orders:read' })).toEqual(['scope must be an array']);
    expect(await messagesFor(pipe, { ...valid, name: 42 })).toEqual(['name must be a string']);
    expect(await messagesFor(pipe, { ...valid, quantity: 'two' })).toEqual(['quantity must be an integer number']);
  });

  it('gives one message per field, the one stopAtFirstError gave when the type is right', async () => {
    const before = new ValidationPipe({ whitelist: true, transform: true, stopAtFirstError: true });
    const body = { name: '', scope: ['Orders'], quantity: 0 };
    const messages = await messagesFor(pipe, body);
    expect(messages).toHaveLength(3);
    expect(messages).toEqual(await messagesFor(before, body));
  });

  it('still drops fields the input class does not name, and hands the handler an instance', async () => {
    const accepted = await pipe.transform({ ...valid, owner: 'someone-else' }, { type: 'body', metatype: Registration });
    expect(accepted).toBeInstanceOf(Registration);
    expect(accepted).not.toHaveProperty('owner');
  });
});
