import { Body, Controller, Inject, Post, Req, Res } from '@nestjs/common';
import { forecastDecider, forecastId, forecastStream, marketDecider, marketId, marketStream, targetDecider, targetId, targetStream } from '@quotient/deals-domain';
import { CommandRunner, createdOrRevised, parseCommandBody, SERVICE_INFO, ServiceInfo } from '@quotient/http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RecordMarketSizeBody, SetTargetBody, SubmitForecastBody } from './deals.dto';

/**
 * Targets, forecasts and market sizes: one stream per natural key. The first post creates the
 * stream (201); a later one revises it (200).
 */
@Controller()
export class PlanningController {
  constructor(
    private readonly commands: CommandRunner,
    @Inject(SERVICE_INFO) private readonly info: ServiceInfo,
  ) {}

  @Post('targets')
  async target(@Body() body: unknown, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const id = targetId(parseCommandBody(SetTargetBody, body, this.info.baseCurrency));
    const result = await this.commands.runBody(targetDecider, targetStream(id), 'SetTarget', SetTargetBody, body, request);
    return createdOrRevised(reply, 'targetId', id, result);
  }

  @Post('forecasts')
  async forecast(@Body() body: unknown, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const id = forecastId(parseCommandBody(SubmitForecastBody, body, this.info.baseCurrency));
    const result = await this.commands.runBody(forecastDecider, forecastStream(id), 'SubmitForecast', SubmitForecastBody, body, request);
    return createdOrRevised(reply, 'forecastId', id, result);
  }

  @Post('markets')
  async market(@Body() body: unknown, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const id = marketId(parseCommandBody(RecordMarketSizeBody, body, this.info.baseCurrency));
    const result = await this.commands.runBody(marketDecider, marketStream(id), 'RecordMarketSize', RecordMarketSizeBody, body, request);
    return createdOrRevised(reply, 'marketId', id, result);
  }
}
