import { Body, Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { DealCommand, dealDecider, dealStream } from '@quotient/deals-domain';
import { AggregateReader, CommandRunner, idOfStream, parsePathId } from '@quotient/http';
import { newId } from '@quotient/kernel';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { ChangeAmountBody, ChangeStageBody, LogActivityBody, LoseDealBody, OpenDealBody, WinDealBody } from './deals.dto';

/** Thin: parse, make the command, delegate to the one command handler. */
@Controller('deals')
export class DealsController {
  constructor(
    private readonly commands: CommandRunner,
    private readonly reader: AggregateReader,
  ) {}

  @Post()
  @HttpCode(201)
  async open(@Body() body: unknown, @Req() request: FastifyRequest) {
    const dealId = (body as { dealId?: unknown } | null)?.dealId;
    const id = typeof dealId === 'string' ? dealId : newId();
    const result = await this.commands.runBody(dealDecider, dealStream(id), 'OpenDeal', OpenDealBody, body, request, { dealId: id });
    return { dealId: idOfStream(result.streamId), revision: result.revision };
  }

  @Get(':id')
  async get(@Param('id') id: string) {
    const dealId = parsePathId('id', id);
    const { state, revision, updatedAt } = await this.reader.load(dealDecider, dealStream(dealId), 'deal', dealId);
    if (state.status === 'none') return null;
    const { opening: _opening, attribution, ...rest } = state;
    return { ...attribution, ...rest, revision, updatedAt };
  }

  @Post(':id/stage')
  @HttpCode(200)
  stage(@Param('id') id: string, @Body() body: unknown, @Req() request: FastifyRequest) {
    return this.change(id, 'ChangeDealStage', ChangeStageBody, body, request);
  }

  @Post(':id/amount')
  @HttpCode(200)
  amount(@Param('id') id: string, @Body() body: unknown, @Req() request: FastifyRequest) {
    return this.change(id, 'ChangeDealAmount', ChangeAmountBody, body, request);
  }

  @Post(':id/win')
  @HttpCode(200)
  win(@Param('id') id: string, @Body() body: unknown, @Req() request: FastifyRequest) {
    return this.change(id, 'WinDeal', WinDealBody, body, request);
  }

  @Post(':id/lose')
  @HttpCode(200)
  lose(@Param('id') id: string, @Body() body: unknown, @Req() request: FastifyRequest) {
    return this.change(id, 'LoseDeal', LoseDealBody, body, request);
  }

  @Post(':id/activities')
  @HttpCode(200)
  activity(@Param('id') id: string, @Body() body: unknown, @Req() request: FastifyRequest) {
    return this.change(id, 'LogActivity', LogActivityBody, body, request);
  }

  private async change(id: string, type: DealCommand['type'], schema: z.ZodType<{ occurredAt?: string }>, body: unknown, request: FastifyRequest) {
    const dealId = parsePathId('id', id);
    const result = await this.commands.runBody(dealDecider, dealStream(dealId), type, schema, body, request, { dealId });
    return { revision: result.revision };
  }
}
