import { type CanActivate, type ExecutionContext, ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { isRole, type Actor, type Role } from '../../../../libs/domain/src';
import { IS_PUBLIC } from './public.decorator';
import { ROLES_KEY } from './roles.decorator';

/** Every route authenticates unless marked @Public(), and checks @Roles() when given. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(@Inject(Reflector) private readonly reflector: Reflector, @Inject(JwtService) private readonly jwt: JwtService) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = ctx.switchToHttp().getRequest();
    const header: string | undefined = request.headers?.authorization;
    const match = header?.match(/^Bearer\s+(\S+)$/i);
    if (!match) throw new UnauthorizedException('An "Authorization: Bearer <token>" header is required (POST /api/v1/auth/token)');
    let actor: Actor;
    try {
      const payload = await this.jwt.verifyAsync<{ sub: string; roles: string[] }>(match[1], { algorithms: ['HS256'] });
      actor = { username: payload.sub, roles: (payload.roles ?? []).filter(isRole) };
    } catch {
      throw new UnauthorizedException('The bearer token is invalid or has expired');
    }
    request.actor = actor;
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (required && !actor.roles.some((r) => required.includes(r))) {
      throw new ForbiddenException(`This action needs one of the roles: ${required.join(', ')}`);
    }
    return true;
  }
}
