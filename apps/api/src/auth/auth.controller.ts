import { Body, Controller, HttpCode, Inject, Post, Req, Res, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, type AppConfig } from '@pactum/config';
import { DomainError } from '@pactum/domain';
import { UserStore } from '@pactum/persistence';
import { verifyPassword } from '@pactum/security';
import { errorBody, type ErrorBody } from '../errors/api-exception.filter';
import { ErrorResponses, JsonBody, JsonResponse } from '../openapi/openapi.decorators';
import { Public } from './public.decorator';

interface TokenRequest {
  username: string;
  password: string;
}

interface TokenResponse {
  accessToken: string;
  tokenType: 'Bearer';
  /** Seconds. */
  expiresIn: number;
  roles: string[];
}

// A fixed hash to compare against when the user does not exist, so timing does not reveal usernames.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/**
 * Failed logins heard without delay: per username (guessing one password), and per client address
 * (trying many usernames, or one account behind many). Past them each further failure doubles the
 * wait (UserStore.recordLoginFailure).
 */
const FREE_FAILURES_PER_USER = 5;
const FREE_FAILURES_PER_ADDRESS = 20;

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    @Inject(UserStore) private readonly users: UserStore,
    @Inject(JwtService) private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('token')
  @HttpCode(200)
  @JsonBody('TokenRequest') @JsonResponse(200, 'TokenResponse', 'a bearer token')
  @ErrorResponses(400, 401, 429)
  async token(@Body() body: TokenRequest, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<TokenResponse | ErrorBody> {
    const problems = [];
    if (typeof body?.username !== 'string' || !body.username) problems.push({ field: 'username', message: 'is required' });
    else if (body.username.length > 200 || body.username.includes('\u0000')) problems.push({ field: 'username', message: 'is not a username' });
    if (typeof body?.password !== 'string' || !body.password) problems.push({ field: 'password', message: 'is required' });
    else if (body.password.length > 1024) problems.push({ field: 'password', message: 'is longer than 1024 characters' });
    if (problems.length) throw new DomainError('bad_request', 'BAD_REQUEST', 'username and password are required', problems);
    const userKey = `user:${body.username}`;
    const keys = [{ key: userKey, free: FREE_FAILURES_PER_USER }, { key: `addr:${req.ip}`, free: FREE_FAILURES_PER_ADDRESS }];
    // While a counter is blocked even the right password is not checked: the wait is the defence.
    const wait = await this.users.loginDelaySeconds(keys.map((k) => k.key));
    if (wait > 0) {
      reply.status(429).header('retry-after', String(wait));
      return { ...errorBody(429, `Too many failed logins: try again in ${wait} s`, [], 'LOGIN_THROTTLED') };
    }
    const user = await this.users.findByUsername(body.username);
    const ok = await verifyPassword(body.password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || !user.active) {
      await this.users.recordLoginFailure(keys);
      throw new UnauthorizedException('Unknown user or wrong password');
    }
    await this.users.clearLoginFailures(userKey);
    const expiresIn = this.config.auth.tokenTtlSeconds;
    // `tv`: the user's token version; the AuthGuard refuses the token once it moves (TokenStates).
    const accessToken = await this.jwt.signAsync({ sub: user.username, roles: user.roles, tv: user.tokenVersion }, { expiresIn, algorithm: 'HS256' });
    return { accessToken, tokenType: 'Bearer', expiresIn, roles: user.roles };
  }
}
