import { Body, Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { CustomerCommand, customerDecider, customerStream } from '@quotient/customers-domain';
import { AggregateReader, CommandRunner, idOfStream, parseInput, parsePathId } from '@quotient/http';
import { newId } from '@quotient/kernel';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { customerView } from './customer.view';
import { ChurnCustomerBody, ComplaintPath, OpenComplaintBody, ReactivateCustomerBody, RecordSurveyBody, RegisterCustomerBody, ResolveComplaintBody } from './customers.dto';

const clientId = (body: unknown, name: string): string => {
  const value = (body as Record<string, unknown> | null)?.[name];
  return typeof value === 'string' ? value : newId();
};

/** Thin: parse, make the command, delegate to the one command handler. */
@Controller('customers')
export class CustomersController {
  constructor(
    private readonly commands: CommandRunner,
    private readonly reader: AggregateReader,
  ) {}

  @Post()
  @HttpCode(201)
  async register(@Body() body: unknown, @Req() request: FastifyRequest) {
    const id = clientId(body, 'customerId');
    const result = await this.commands.runBody(customerDecider, customerStream(id), 'RegisterCustomer', RegisterCustomerBody, body, request, { customerId: id });
    return { customerId: idOfStream(result.streamId), revision: result.revision };
  }

  @Get(':id')
  async get(@Param('id') id: string) {
    const customerId = parsePathId('id', id);
    const { state, revision, updatedAt } = await this.reader.load(customerDecider, customerStream(customerId), 'customer', customerId);
    if (state.status === 'none') return null;
    return { ...customerView(state), revision, updatedAt };
  }

  @Post(':id/surveys')
  @HttpCode(200)
  survey(@Param('id') id: string, @Body() body: unknown, @Req() request: FastifyRequest) {
    return this.change(id, 'RecordSurvey', RecordSurveyBody, body, request);
  }

  @Post(':id/complaints')
  @HttpCode(201)
  async complaint(@Param('id') id: string, @Body() body: unknown, @Req() request: FastifyRequest) {
    const customerId = parsePathId('id', id);
    const complaintId = clientId(body, 'complaintId');
    const result = await this.commands.runBody(customerDecider, customerStream(customerId), 'OpenComplaint', OpenComplaintBody, body, request, { customerId, complaintId });
    return { complaintId, revision: result.revision };
  }

  @Post(':id/complaints/:cid/resolve')
  @HttpCode(200)
  async resolve(@Param('id') id: string, @Param('cid') cid: string, @Body() body: unknown, @Req() request: FastifyRequest) {
    const { id: customerId, cid: complaintId } = parseInput(ComplaintPath, { id, cid });
    const result = await this.commands.runBody(customerDecider, customerStream(customerId), 'ResolveComplaint', ResolveComplaintBody, body, request, {
      customerId,
      complaintId,
    });
    return { revision: result.revision };
  }

  @Post(':id/churn')
  @HttpCode(200)
  churn(@Param('id') id: string, @Body() body: unknown, @Req() request: FastifyRequest) {
    return this.change(id, 'ChurnCustomer', ChurnCustomerBody, body, request);
  }

  @Post(':id/reactivate')
  @HttpCode(200)
  reactivate(@Param('id') id: string, @Body() body: unknown, @Req() request: FastifyRequest) {
    return this.change(id, 'ReactivateCustomer', ReactivateCustomerBody, body, request);
  }

  private async change(id: string, type: CustomerCommand['type'], schema: z.ZodType<{ occurredAt?: string }>, body: unknown, request: FastifyRequest) {
    const customerId = parsePathId('id', id);
    const result = await this.commands.runBody(customerDecider, customerStream(customerId), type, schema, body, request, { customerId });
    return { revision: result.revision };
  }
}
