import { Body, Controller, Get, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/public.decorator';
import { ACTION_PAGE_CSP } from './action-link.page';
import { ActionLinksService, type ActionPage } from './action-links.service';

function send(reply: FastifyReply, page: ActionPage): void {
  reply.status(page.status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', ACTION_PAGE_CSP)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .send(page.html);
}

/** The pages behind mailed links (no sign-in: the signed, single-use link is the credential). */
@ApiExcludeController()
@Controller('actions')
export class ActionLinksController {
  constructor(@Inject(ActionLinksService) private readonly service: ActionLinksService) {}

  @Public()
  @Get(':token')
  async show(@Param('token') token: string, @Res() reply: FastifyReply): Promise<void> {
    send(reply, await this.service.show(token));
  }

  @Public()
  @Post(':token')
  async use(@Param('token') token: string, @Body() body: unknown, @Res() reply: FastifyReply): Promise<void> {
    const form = typeof body === 'object' && body !== null ? Object.fromEntries(Object.entries(body).filter(([, v]) => typeof v === 'string')) as Record<string, string> : {};
    send(reply, await this.service.use(token, form));
  }
}
