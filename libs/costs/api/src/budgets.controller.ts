import { Body, Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { budgetDecider, BudgetId, budgetId, budgetStream } from '@quotient/costs-domain';
import { AggregateReader, CommandRunner, createdOrRevised, parseCommandBody, parseInput, SERVICE_INFO, ServiceInfo } from '@quotient/http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SetBudgetBody } from './costs.dto';

/**
 * Budgets: one stream per scope+period+category. The first post creates the stream (201); a later
 * one revises it (200), and the same amount again appends nothing.
 */
@Controller('budgets')
export class BudgetsController {
  constructor(
    private readonly commands: CommandRunner,
    private readonly reader: AggregateReader,
    @Inject(SERVICE_INFO) private readonly info: ServiceInfo,
  ) {}

  @Post()
  async set(@Body() body: unknown, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const id = budgetId(parseCommandBody(SetBudgetBody, body, this.info.baseCurrency));
    const result = await this.commands.runBody(budgetDecider, budgetStream(id), 'SetBudget', SetBudgetBody, body, request);
    return createdOrRevised(reply, 'budgetId', id, result);
  }

  @Get(':id')
  async get(@Param('id') id: string) {
    const budget = parseInput(BudgetId, id, 'id');
    const { state, revision, updatedAt } = await this.reader.load(budgetDecider, budgetStream(budget), 'budget', budget);
    if (state.status === 'none') return null;
    const { status: _status, ...rest } = state;
    return { budgetId: budget, ...rest, revision, updatedAt };
  }
}
