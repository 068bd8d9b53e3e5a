import { createServer } from 'node:net';
import { EventStoreDbUnreachable, openEventStoreDb, printableUrl } from './eventstoredb-connection';

/** A local port nobody listens on (bound, then released). */
const closedPort = async (): Promise<number> => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
};

describe('openEventStoreDb', () => {
  it('refuses a malformed URL with a clear message', async () => {
    await expect(openEventStoreDb('http://localhost:2113')).rejects.toThrow(/^EventStoreDB at http:\/\/localhost:2113 is not reachable: /);
    await expect(openEventStoreDb('esdb://localhost:notaport')).rejects.toBeInstanceOf(EventStoreDbUnreachable);
  });

  it('refuses a server that does not answer, within the deadline', async () => {
    const url = `esdb://127.0.0.1:${await closedPort()}?tls=false`;
    const started = Date.now();
    await expect(openEventStoreDb(url, { deadlineMs: 2000 })).rejects.toThrow(new RegExp(`^EventStoreDB at ${url.replace(/[?.]/g, '\\$&')} is not reachable: .+`));
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('never prints a password', () => {
    expect(printableUrl('esdb://admin:changeit@db:2113?tls=true')).toBe('esdb://admin:***@db:2113?tls=true');
    expect(printableUrl('esdb://db:2113?tls=false')).toBe('esdb://db:2113?tls=false');
  });
});
