/**
 * Every error the API answers with has a stable code and a message that says what to do next;
 * one body shape, `{ error, message }`, built in exactly one place (plugins/error-handler.ts).
 */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (code: string, message: string): AppError => new AppError(400, code, message);
export const unauthorized = (code: string, message: string): AppError => new AppError(401, code, message);
export const forbidden = (code: string, message: string): AppError => new AppError(403, code, message);
export const notFound = (code: string, message: string): AppError => new AppError(404, code, message);
export const conflict = (code: string, message: string): AppError => new AppError(409, code, message);
export const tooManyRequests = (message: string): AppError => new AppError(429, 'too_many_requests', message);

export interface ErrorBody {
  error: string;
  message: string;
}
