import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { AppError, abortError, type ErrorCode, isAppError, throwIfAborted } from '../src/errors.js';
import { toErrorResponse } from '../src/http/error-handler.js';

describe('AppError', () => {
  const statuses: [ErrorCode, number][] = [
    ['BadRequest', 400],
    ['InvalidParameter', 400],
    ['Forbidden', 403],
    ['NotFound', 404],
    ['MethodNotAllowed', 405],
    ['Conflict', 409],
    ['PayloadTooLarge', 413],
    ['UnsupportedMediaType', 415],
    ['Unprocessable', 422],
    ['TooManyRequests', 429],
    ['ClientClosedRequest', 499],
    ['Internal', 500],
    ['BadGateway', 502],
    ['Unavailable', 503],
    ['Timeout', 504],
  ];
  for (const [code, status] of statuses) {
    it(`maps ${code} to HTTP ${status}`, () => {
      assert.equal(new AppError(code, 'x').status, status);
    });
  }

  it('is an Error named AppError with its code and message', () => {
    const error = new AppError('NotFound', 'No item a in collection c');
    assert.ok(error instanceof Error);
    assert.equal(error.name, 'AppError');
    assert.equal(error.code, 'NotFound');
    assert.equal(error.message, 'No item a in collection c');
    assert.equal(String(error), 'AppError: No item a in collection c');
  });

  it('keeps its cause and details', () => {
    const cause = new Error('driver said no');
    const error = new AppError('Unavailable', 'The database is unavailable', { cause, details: { line: 3 } });
    assert.equal(error.cause, cause);
    assert.deepEqual(error.details, { line: 3 });
  });

  it('has no cause property when given none', () => {
    assert.equal(Object.hasOwn(new AppError('Internal', 'x'), 'cause'), false);
  });

  it('is recognised by isAppError, and a plain Error is not', () => {
    assert.equal(isAppError(new AppError('Internal', 'x')), true);
    assert.equal(isAppError(new Error('x')), false);
    assert.equal(isAppError({ code: 'Internal', message: 'x' }), false);
  });
});

describe('throwIfAborted', () => {
  it('does nothing without a signal or with a live one', () => {
    throwIfAborted(undefined);
    throwIfAborted(new AbortController().signal);
  });

  it('throws ClientClosedRequest for a signal aborted without a reason', () => {
    const controller = new AbortController();
    controller.abort();
    assert.throws(
      () => throwIfAborted(controller.signal),
      (error: unknown) => error instanceof AppError && error.code === 'ClientClosedRequest' && error.status === 499,
    );
  });
});

describe('abortError', () => {
  it('gives back an AppError reason as it is', () => {
    const reason = new AppError('Unavailable', 'shutting down');
    assert.equal(abortError(AbortSignal.abort(reason)), reason);
  });

  it('turns a TimeoutError reason into a Timeout AppError', () => {
    const error = abortError(AbortSignal.abort(new DOMException('late', 'TimeoutError')));
    assert.equal(error.code, 'Timeout');
    assert.equal(error.status, 504);
    assert.match(error.message, /longer than its time limit/);
  });

  it('turns the reason of AbortSignal.timeout into a Timeout AppError', async () => {
    const signal = AbortSignal.timeout(1);
    await new Promise((resolve) => signal.addEventListener('abort', resolve));
    assert.equal(abortError(signal).code, 'Timeout');
  });

  it('turns any other reason into ClientClosedRequest, keeping it as the cause', () => {
    const reason = new Error('socket closed');
    const error = abortError(AbortSignal.abort(reason));
    assert.equal(error.code, 'ClientClosedRequest');
    assert.equal(error.cause, reason);
  });
});

describe('toErrorResponse', () => {
  it('answers an AppError with its status, code and message', () => {
    assert.deepEqual(toErrorResponse(new AppError('NotFound', 'No collection c')), {
      status: 404,
      body: { code: 'NotFound', description: 'No collection c' },
    });
  });

  it('answers a ZodError with 400 InvalidParameter, naming each path', () => {
    const result = z.object({ limit: z.number().max(10), bbox: z.array(z.number()) }).safeParse({ limit: 11, bbox: ['a'] });
    assert.equal(result.success, false);
    const { status, body } = toErrorResponse(result.error);
    assert.equal(status, 400);
    assert.equal(body.code, 'InvalidParameter');
    assert.match(body.description, /^limit: .*; bbox\.0: /);
  });

  it('answers a ZodError about the root value without a path', () => {
    const result = z.string().safeParse(1);
    const { body } = toErrorResponse(result.error);
    assert.doesNotMatch(body.description, /^: /);
    assert.match(body.description, /expected string/);
  });

  it('answers a Fastify unsupported media type error with 415', () => {
    const error = Object.assign(new Error('Unsupported Media Type: text/csv'), { code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 });
    assert.deepEqual(toErrorResponse(error), {
      status: 415,
      body: { code: 'UnsupportedMediaType', description: 'Unsupported Media Type: text/csv' },
    });
  });

  it('answers a Fastify-like object without a message with its mapped code as the description', () => {
    assert.deepEqual(toErrorResponse({ code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 }), {
      status: 415,
      body: { code: 'UnsupportedMediaType', description: 'UnsupportedMediaType' },
    });
  });

  it('answers a Fastify body-too-large error with 413', () => {
    const error = Object.assign(new Error('Request body is too large'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 });
    assert.equal(toErrorResponse(error).status, 413);
    assert.equal(toErrorResponse(error).body.code, 'PayloadTooLarge');
  });

  it('answers a Fastify invalid JSON body error with 400 saying the body is not JSON', () => {
    const error = Object.assign(new SyntaxError('Unexpected token } in JSON at position 9'), { code: 'FST_ERR_CTP_INVALID_JSON_BODY', statusCode: 400 });
    assert.deepEqual(toErrorResponse(error), {
      status: 400,
      body: { code: 'BadRequest', description: 'The request body is not valid JSON: Unexpected token } in JSON at position 9' },
    });
  });

  it('answers a SyntaxError with statusCode 400 (a JSON body that did not parse) with 400', () => {
    const error = Object.assign(new SyntaxError('Unexpected end of JSON input'), { statusCode: 400 });
    assert.deepEqual(toErrorResponse(error), {
      status: 400,
      body: { code: 'BadRequest', description: 'The request body is not valid JSON: Unexpected end of JSON input' },
    });
  });

  it('answers another 4xx error with its status and message', () => {
    const error = Object.assign(new Error('Route not allowed'), { statusCode: 405 });
    assert.deepEqual(toErrorResponse(error), { status: 405, body: { code: 'BadRequest', description: 'Route not allowed' } });
  });

  it('answers an unknown Error with 500 and a body that does not leak its message', () => {
    const { status, body } = toErrorResponse(new Error('password=hunter2 at db.internal:5432'));
    assert.equal(status, 500);
    assert.equal(body.code, 'Internal');
    assert.doesNotMatch(JSON.stringify(body), /hunter2|db\.internal/);
  });

  it('answers a SyntaxError without a status (a bug in our code) with 500', () => {
    assert.equal(toErrorResponse(new SyntaxError('Unexpected token')).status, 500);
  });

  it('answers an error with a 5xx statusCode with 500 and no message', () => {
    const { status, body } = toErrorResponse(Object.assign(new Error('upstream secret'), { statusCode: 502 }));
    assert.equal(status, 500);
    assert.doesNotMatch(body.description, /secret/);
  });

  it('answers a thrown string with 500', () => {
    assert.equal(toErrorResponse('boom').status, 500);
  });

  for (const value of [null, undefined]) {
    it(`answers a thrown ${String(value)} with 500`, () => {
      assert.equal(toErrorResponse(value).status, 500);
    });
  }
});
