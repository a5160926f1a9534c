import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '@pactum/domain';

/** The authenticated user of the request, as the domain sees it. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => ctx.switchToHttp().getRequest().actor);
