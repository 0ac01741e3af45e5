import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import type { ErrorBody, ErrorCode } from '@lotline/contracts';

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  422: 'VALIDATION_FAILED',
  429: 'RATE_LIMITED',
};

/** Domain/application errors with a stable code; anything else becomes a 500 with a correlation id. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly status: number,
    readonly details?: ErrorBody['details'],
  ) {
    super(message);
  }
}

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const req = http.getRequest<Request>();
    const correlationId =
      (req as Request & { correlationId?: string }).correlationId ?? ((req.headers['x-correlation-id'] as string | undefined)?.slice(0, 64) || randomUUID());
    const { status, body } = this.toBody(exception, correlationId);
    if (status >= 500) {
      this.logger.error(`${correlationId} ${req.method} ${req.path}: ${exception instanceof Error ? exception.stack : String(exception)}`);
    }
    res.status(status).setHeader('x-correlation-id', correlationId).json(body);
  }

  private toBody(exception: unknown, correlationId: string): { status: number; body: ErrorBody } {
    if (exception instanceof AppError) {
      return { status: exception.status, body: { code: exception.code, message: exception.message, details: exception.details, correlationId } };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const raw = typeof response === 'object' && response !== null ? (response as { message?: unknown }).message : response;
      const messages = Array.isArray(raw) ? raw.map(String) : [String(raw ?? exception.message)];
      const code = CODE_BY_STATUS[status] ?? (status >= 500 ? 'INTERNAL' : 'VALIDATION_FAILED');
      if (status >= 500) return this.internal(correlationId);
      return {
        status,
        body: {
          code,
          message: messages[0],
          details: messages.length > 1 ? messages.map((m) => ({ field: m.split(' ')[0], message: m })) : undefined,
          correlationId,
        },
      };
    }
    return this.internal(correlationId);
  }

  private internal(correlationId: string): { status: number; body: ErrorBody } {
    return {
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      body: { code: 'INTERNAL', message: `Something went wrong on our side. Quote ${correlationId} to support.`, correlationId },
    };
  }
}
