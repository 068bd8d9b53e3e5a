import { Body, Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { AggregateReader, CommandRunner, idOfStream, parsePathId } from '@quotient/http';
import { newId } from '@quotient/kernel';
import { RepCommand, repDecider, repStream } from '@quotient/training-domain';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { CertifyRepBody, HireRepBody, LeaveBody, TransferRepBody } from './training.dto';

/** Thin: parse, make the command, delegate to the one command handler. */
@Controller('reps')
export class RepsController {
  constructor(
    private readonly commands: CommandRunner,
    private readonly reader: AggregateReader,
  ) {}

  @Post()
  @HttpCode(201)
  async hire(@Body() body: unknown, @Req() request: FastifyRequest) {
    const repId = (body as { repId?: unknown } | null)?.repId;
    const id = typeof repId === 'string' ? repId : newId();
    const result = await this.commands.runBody(repDecider, repStream(id), 'HireRep', HireRepBody, body, request, { repId: id });
    return { repId: idOfStream(result.streamId), revision: result.revision };
  }

  @Get(':id')
  async get(@Param('id') id: string) {
    const repId = parsePathId('id', id);
    const { state, revision, updatedAt } = await this.reader.load(repDecider, repStream(repId), 'rep', repId);
    if (state.status === 'none') return null;
    const { hiring: _hiring, ...rest } = state;
    return { ...rest, revision, updatedAt };
  }

  @Post(':id/transfer')
  @HttpCode(200)
  transfer(@Param('id') id: string, @Body() body: unknown, @Req() request: FastifyRequest) {
    return this.change(id, 'TransferRep', TransferRepBody, body, request);
  }

  @Post(':id/leave')
  @HttpCode(200)
  leave(@Param('id') id: string, @Body() body: unknown, @Req() request: FastifyRequest) {
    return this.change(id, 'RecordRepDeparture', LeaveBody, body, request);
  }

  @Post(':id/certifications')
  @HttpCode(200)
  certify(@Param('id') id: string, @Body() body: unknown, @Req() request: FastifyRequest) {
    return this.change(id, 'CertifyRep', CertifyRepBody, body, request);
  }

  private async change(id: string, type: RepCommand['type'], schema: z.ZodType<{ occurredAt?: string }>, body: unknown, request: FastifyRequest) {
    const repId = parsePathId('id', id);
    const result = await this.commands.runBody(repDecider, repStream(repId), type, schema, body, request, { repId });
    return { revision: result.revision };
  }
}
