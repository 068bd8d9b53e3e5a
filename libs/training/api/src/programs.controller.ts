import { Body, Controller, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { AggregateReader, CommandRunner, idOfStream, parseCommandBody, parsePathId, SERVICE_INFO, ServiceInfo } from '@quotient/http';
import { AggregateNotFound, newId } from '@quotient/kernel';
import { ProgramCommand, programDecider, programStream, repDecider, RepSnapshot, repStream } from '@quotient/training-domain';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { CompleteTrainingBody, CreateProgramBody, EnrolRepBody } from './training.dto';

/** Thin: parse, make the command, delegate to the one command handler. */
@Controller('programs')
export class ProgramsController {
  constructor(
    private readonly commands: CommandRunner,
    private readonly reader: AggregateReader,
    @Inject(SERVICE_INFO) private readonly info: ServiceInfo,
  ) {}

  @Post()
  @HttpCode(201)
  async create(@Body() body: unknown, @Req() request: FastifyRequest) {
    const programId = (body as { programId?: unknown } | null)?.programId;
    const id = typeof programId === 'string' ? programId : newId();
    const result = await this.commands.runBody(programDecider, programStream(id), 'CreateProgram', CreateProgramBody, body, request, { programId: id });
    return { programId: idOfStream(result.streamId), revision: result.revision };
  }

  @Get(':id')
  async get(@Param('id') id: string) {
    const programId = parsePathId('id', id);
    const { state, revision, updatedAt } = await this.reader.load(programDecider, programStream(programId), 'program', programId);
    if (state.status === 'none') return null;
    return { ...state, enrolments: [...state.enrolments.values()], revision, updatedAt };
  }

  @Post(':id/enrolments')
  @HttpCode(200)
  enrol(@Param('id') id: string, @Body() body: unknown, @Req() request: FastifyRequest) {
    return this.changeWithRep(id, 'EnrolRep', EnrolRepBody, body, request);
  }

  @Post(':id/completions')
  @HttpCode(200)
  complete(@Param('id') id: string, @Body() body: unknown, @Req() request: FastifyRequest) {
    return this.changeWithRep(id, 'CompleteTraining', CompleteTrainingBody, body, request);
  }

  private async changeWithRep(id: string, type: ProgramCommand['type'], schema: z.ZodType<{ repId: string; occurredAt?: string; currency?: string }>, body: unknown, request: FastifyRequest) {
    const programId = parsePathId('id', id);
    const { repId } = parseCommandBody(schema, body, this.info.baseCurrency);
    const rep = await this.repSnapshot(repId);
    const result = await this.commands.runBody(programDecider, programStream(programId), type, schema, body, request, { programId, rep });
    return { revision: result.revision };
  }

  /**
   * Enrolment and completion live in the program but depend on the rep, another aggregate: we read
   * the rep here (404 if unknown) and hand the program decider a snapshot. The read and the append
   * are not one transaction, so a rep who leaves in between may still be enrolled or complete; we
   * accept that window of one request rather than lock two streams, and the event history shows it.
   */
  private async repSnapshot(repId: string): Promise<RepSnapshot> {
    const { state } = await this.reader.load(repDecider, repStream(repId), 'rep', repId);
    if (state.status === 'none') throw new AggregateNotFound('rep', repId);
    return { repId, teamId: state.teamId, active: state.status === 'active' };
  }
}
