import { Body, Controller, HttpCode, Inject, Post, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ApiOkResponse, ApiProperty, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { APP_CONFIG, type AppConfig } from '@pactum/config';
import { DomainError } from '@pactum/domain';
import { UserStore } from '@pactum/persistence';
import { verifyPassword } from '@pactum/security';
import { Public } from './public.decorator';

class TokenRequest {
  @ApiProperty({ example: 'rep1' }) username!: string;
  @ApiProperty({ example: 'demo' }) password!: string;
}

class TokenResponse {
  @ApiProperty() accessToken!: string;
  @ApiProperty({ example: 'Bearer' }) tokenType!: 'Bearer';
  @ApiProperty({ example: 3600, description: 'seconds' }) expiresIn!: number;
  @ApiProperty({ example: ['account_rep'] }) roles!: string[];
}

// A fixed hash to compare against when the user does not exist, so timing does not reveal usernames.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

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
  @ApiOkResponse({ type: TokenResponse })
  @ApiUnauthorizedResponse({ description: 'unknown user or wrong password' })
  async token(@Body() body: TokenRequest): Promise<TokenResponse> {
    const problems = [];
    if (typeof body?.username !== 'string' || !body.username) problems.push({ field: 'username', message: 'is required' });
    if (typeof body?.password !== 'string' || !body.password) problems.push({ field: 'password', message: 'is required' });
    if (problems.length) throw new DomainError('bad_request', 'BAD_REQUEST', 'username and password are required', problems);
    const user = await this.users.findByUsername(body.username);
    const ok = await verifyPassword(body.password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || !user.active) throw new UnauthorizedException('Unknown user or wrong password');
    const expiresIn = this.config.auth.tokenTtlSeconds;
    const accessToken = await this.jwt.signAsync({ sub: user.username, roles: user.roles }, { expiresIn, algorithm: 'HS256' });
    return { accessToken, tokenType: 'Bearer', expiresIn, roles: user.roles };
  }
}
