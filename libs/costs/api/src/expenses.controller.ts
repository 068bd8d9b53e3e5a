import { Body, Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ExpenseCommand, expenseDecider, expenseStream } from '@quotient/costs-domain';
import { AggregateReader, CommandRunner, idOfStream, parsePathId } from '@quotient/http';
import { newId } from '@quotient/kernel';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { ApproveExpenseBody, RejectExpenseBody, SubmitExpenseBody } from './costs.dto';

/** Thin: parse, make the command, delegate to the one command handler. */
@Controller('expenses')
export class ExpensesController {
  constructor(
    private readonly commands: CommandRunner,
    private readonly reader: AggregateReader,
  ) {}

  @Post()
  @HttpCode(201)
  async submit(@Body() body: unknown, @Req() request: FastifyRequest) {
    const expenseId = (body as { expenseId?: unknown } | null)?.expenseId;
    const id = typeof expenseId === 'string' ? expenseId : newId();
    const result = await this.commands.runBody(expenseDecider, expenseStream(id), 'SubmitExpense', SubmitExpenseBody, body, request, { expenseId: id });
    return { expenseId: idOfStream(result.streamId), revision: result.revision };
  }

  @Get(':id')
  async get(@Param('id') id: string) {
    const expenseId = parsePathId('id', id);
    const { state, revision, updatedAt } = await this.reader.load(expenseDecider, expenseStream(expenseId), 'expense', expenseId);
    if (state.status === 'none') return null;
    const { facts, ...rest } = state;
    return { ...facts, ...rest, revision, updatedAt };
  }

  @Post(':id/approve')
  @HttpCode(200)
  approve(@Param('id') id: string, @Body() body: unknown, @Req() request: FastifyRequest) {
    return this.decide(id, 'ApproveExpense', ApproveExpenseBody, body, request);
  }

  @Post(':id/reject')
  @HttpCode(200)
  reject(@Param('id') id: string, @Body() body: unknown, @Req() request: FastifyRequest) {
    return this.decide(id, 'RejectExpense', RejectExpenseBody, body, request);
  }

  private async decide(id: string, type: ExpenseCommand['type'], schema: z.ZodType<{ occurredAt?: string }>, body: unknown, request: FastifyRequest) {
    const expenseId = parsePathId('id', id);
    const result = await this.commands.runBody(expenseDecider, expenseStream(expenseId), type, schema, body, request, { expenseId });
    return { revision: result.revision };
  }
}
