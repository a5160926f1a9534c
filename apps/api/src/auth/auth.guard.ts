import { type CanActivate, type ExecutionContext, ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { isRole, type Actor, type Role } from '@pactum/domain';
import type { TokenState } from '@pactum/persistence';
import { IS_PUBLIC } from './public.decorator';
import { ROLES_KEY } from './roles.decorator';
import { TokenStates } from './token-states';

/** Verified tokens kept (by their exact text) so hot routes skip the signature check; bounded. */
const VERIFIED_CACHE_MAX = 10_000;
/** A cached verification is trusted at most this long, and never past the token's own `exp`. */
const VERIFIED_CACHE_MS = 60_000;

/** What a route's decorators say, read once per handler: they are fixed once the application is built. */
interface RouteAccess {
  isPublic: boolean;
  required: Role[] | undefined;
}

/** A token verified before: its actor and token version. */
interface Verified {
  actor: Actor;
  version: number;
  untilMs: number;
}

/**
 * Every route authenticates unless marked @Public(), and checks @Roles() when given. A token
 * verified before whose user's state is known (TokenStates) is answered without an await: Nest
 * awaits a guard only when it returns a promise, and checkout calls this for every order.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  /**
   * Why: jsonwebtoken re-derives the key object on every verify (createPublicKey/createSecretKey),
   * which was ~40% of a checkout evaluation's CPU. A token's text and signature cannot change, so a
   * successful verification can be reused until the token expires.
   */
  private readonly verified = new Map<string, Verified>();
  private readonly access = new WeakMap<object, { controller: object; access: RouteAccess }>();
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(JwtService) private readonly jwt: JwtService,
    @Inject(TokenStates) private readonly states: TokenStates,
  ) {}

  canActivate(ctx: ExecutionContext): boolean | Promise<boolean> {
    const route = this.routeAccess(ctx);
    if (route.isPublic) return true;
    const request = ctx.switchToHttp().getRequest();
    const header: string | undefined = request.headers?.authorization;
    const match = header?.match(/^Bearer\s+(\S+)$/i);
    if (!match) throw new UnauthorizedException('An "Authorization: Bearer <token>" header is required (POST /api/v1/auth/token)');
    const token = match[1];
    const now = Date.now();
    const hit = this.verified.get(token);
    if (hit && hit.untilMs > now) {
      const known = this.states.peek(hit.actor.username, now);
      if (known !== undefined) return admit(request, hit, known, route);
      return this.states.get(hit.actor.username, now).then((state) => admit(request, hit, state, route));
    }
    return this.verify(token, now).then((verified) => this.states.get(verified.actor.username, now).then((state) => admit(request, verified, state, route)));
  }

  private async verify(token: string, now: number): Promise<Verified> {
    try {
      const payload = await this.jwt.verifyAsync<{ sub: string; roles: string[]; tv?: number; exp?: number }>(token, { algorithms: ['HS256'] });
      const verified: Verified = {
        actor: { username: payload.sub, roles: (payload.roles ?? []).filter(isRole) },
        version: typeof payload.tv === 'number' ? payload.tv : 0,
        untilMs: Math.min(now + VERIFIED_CACHE_MS, payload.exp === undefined ? Infinity : payload.exp * 1000),
      };
      if (this.verified.size >= VERIFIED_CACHE_MAX) this.verified.clear();
      this.verified.set(token, verified);
      return verified;
    } catch {
      this.verified.delete(token);
      throw new UnauthorizedException('The bearer token is invalid or has expired');
    }
  }

  private routeAccess(ctx: ExecutionContext): RouteAccess {
    const handler = ctx.getHandler();
    const controller = ctx.getClass();
    const cached = this.access.get(handler);
    if (cached && cached.controller === controller) return cached.access;
    const targets = [handler, controller];
    const access: RouteAccess = {
      isPublic: !!this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets),
      required: this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets),
    };
    this.access.set(handler, { controller, access });
    return access;
  }
}

/**
 * A valid signature is not enough: the user must still exist, be active, and have the token's
 * version (a changed password, roles or organisation move it). Read at most every 30 s per user.
 */
function admit(request: { actor?: Actor }, { actor, version }: Verified, state: TokenState | null, route: RouteAccess): true {
  if (!state || !state.active || state.tokenVersion !== version) {
    throw new UnauthorizedException('The bearer token is no longer valid (the user was deactivated, removed or changed): sign in again');
  }
  request.actor = actor;
  const required = route.required;
  if (required && !actor.roles.some((r) => required.includes(r))) {
    throw new ForbiddenException(`This action needs one of the roles: ${required.join(', ')}`);
  }
  return true;
}
