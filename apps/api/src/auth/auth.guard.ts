import { type CanActivate, type ExecutionContext, ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { isRole, type Actor, type Role } from '@pactum/domain';
import { IS_PUBLIC } from './public.decorator';
import { ROLES_KEY } from './roles.decorator';
import { TokenStates } from './token-states';

/** Verified tokens kept (by their exact text) so hot routes skip the signature check; bounded. */
const VERIFIED_CACHE_MAX = 10_000;
/** A cached verification is trusted at most this long, and never past the token's own `exp`. */
const VERIFIED_CACHE_MS = 60_000;

/** Every route authenticates unless marked @Public(), and checks @Roles() when given. */
@Injectable()
export class AuthGuard implements CanActivate {
  /**
   * Why: jsonwebtoken re-derives the key object on every verify (createPublicKey/createSecretKey),
   * which was ~40% of a checkout evaluation's CPU. A token's text and signature cannot change, so a
   * successful verification can be reused until the token expires.
   */
  private readonly verified = new Map<string, { actor: Actor; version: number; untilMs: number }>();
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(JwtService) private readonly jwt: JwtService,
    @Inject(TokenStates) private readonly states: TokenStates,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = ctx.switchToHttp().getRequest();
    const header: string | undefined = request.headers?.authorization;
    const match = header?.match(/^Bearer\s+(\S+)$/i);
    if (!match) throw new UnauthorizedException('An "Authorization: Bearer <token>" header is required (POST /api/v1/auth/token)');
    const token = match[1];
    const now = Date.now();
    let actor: Actor;
    let version: number;
    const hit = this.verified.get(token);
    if (hit && hit.untilMs > now) {
      ({ actor, version } = hit);
    } else {
      try {
        const payload = await this.jwt.verifyAsync<{ sub: string; roles: string[]; tv?: number; exp?: number }>(token, { algorithms: ['HS256'] });
        actor = { username: payload.sub, roles: (payload.roles ?? []).filter(isRole) };
        version = typeof payload.tv === 'number' ? payload.tv : 0;
        if (this.verified.size >= VERIFIED_CACHE_MAX) this.verified.clear();
        this.verified.set(token, { actor, version, untilMs: Math.min(now + VERIFIED_CACHE_MS, payload.exp === undefined ? Infinity : payload.exp * 1000) });
      } catch {
        this.verified.delete(token);
        throw new UnauthorizedException('The bearer token is invalid or has expired');
      }
    }
    // A valid signature is not enough: the user must still exist, be active, and have the token's
    // version (a changed password, roles or organisation move it). Read at most every 30 s per user.
    const state = await this.states.get(actor.username, now);
    if (!state || !state.active || state.tokenVersion !== version) {
      throw new UnauthorizedException('The bearer token is no longer valid (the user was deactivated, removed or changed): sign in again');
    }
    request.actor = actor;
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (required && !actor.roles.some((r) => required.includes(r))) {
      throw new ForbiddenException(`This action needs one of the roles: ${required.join(', ')}`);
    }
    return true;
  }
}
