import { brokerPropertiesOf, foreignBrokerMessage, judgeOwnership, listeningInodes } from './kafka-owner';

// /proc/net/tcp as Linux prints it: 127.0.0.1:9092 (0x2384) listening, a client connection to it, 127.0.0.1:9093 listening.
const TCP = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0100007F:2384 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 0000000000000000 100 0 0 10 0
   1: 0100007F:D2F0 0100007F:2384 01 00000000:00000000 00:00000000 00000000     0        0 5151 1 0000000000000000 20 4 30 10 -1
   2: 0100007F:2385 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4343 1 0000000000000000 100 0 0 10 0
`;

const OURS = '/work/main/.run/kafka/server-9092.properties';
const java = (props: string) => `java -Xms128m -Xmx512m -cp /x/libs/* -Dkafka.logs.dir=/x/logs kafka.Kafka ${props}`;

describe('whose Kafka broker is on the port', () => {
  it('finds the listening socket of a port, not the connections to it', () => {
    expect(listeningInodes(TCP, 9092)).toEqual(['4242']);
    expect(listeningInodes(TCP, 9093)).toEqual(['4343']);
    expect(listeningInodes(TCP, 9094)).toEqual([]);
    expect(listeningInodes('', 9092)).toEqual([]);
  });

  it('reads the properties file off a broker command line (also under the watchdog)', () => {
    expect(brokerPropertiesOf(java(OURS))).toBe(OURS);
    expect(brokerPropertiesOf(`node --import tsx /work/main/infra/src/watchdog.ts 7000 ${java(OURS)}`)).toBe(OURS);
    expect(brokerPropertiesOf('node server.js')).toBeUndefined();
  });

  it("this checkout's broker is ours; another checkout's, something else or nothing visible is not", () => {
    expect(judgeOwnership({ pid: 10, cmdline: java(OURS) }, OURS)).toEqual({ owner: 'this-checkout', pid: 10 });
    const other = { pid: 11, cmdline: java('/work/other/.run/kafka/server-9092.properties') };
    expect(judgeOwnership(other, OURS)).toEqual({ owner: 'someone-else', listener: other });
    expect(judgeOwnership({ pid: 12, cmdline: 'docker-proxy -host-port 9092' }, OURS).owner).toBe('someone-else');
    expect(judgeOwnership(undefined, OURS)).toEqual({ owner: 'someone-else', listener: undefined });
  });

  it('the refusal names the pid, the other checkout, how to stop it and the way to use it knowingly', () => {
    const message = foreignBrokerMessage('127.0.0.1:9092', { pid: 11, cmdline: java('/work/other/.run/kafka/server-9092.properties') }, OURS, '/work/main/.run/kafka.pid');
    expect(message).toContain('pid 11');
    expect(message).toContain('/work/other/.run/kafka/server-9092.properties');
    expect(message).toContain('kill 11');
    expect(message).toContain('PAYGATE_KAFKA_EXTERNAL=1');
    expect(foreignBrokerMessage('127.0.0.1:9092', undefined, OURS, '/p')).toContain('cannot see');
  });
});
