import { EventEmitter } from 'node:events';
import { dropWarningsNamed } from './kafka-config';

describe('Kafka client warnings', () => {
  it("drops kafkajs's negative-timeout warnings (tulios/kafkajs#1751) and passes every other warning to the printers", () => {
    const warnings = new EventEmitter();
    const printed: string[] = [];
    warnings.on('warning', (warning: Error) => void printed.push(`${warning.name}: ${warning.message}`));
    dropWarningsNamed(warnings, 'TimeoutNegativeWarning');
    const warning = (name: string, message: string) => Object.assign(new Error(message), { name });
    warnings.emit('warning', warning('TimeoutNegativeWarning', '-1795863402140 is a negative number.'));
    warnings.emit('warning', warning('OtherWarning', 'something else'));
    expect(printed).toEqual(['OtherWarning: something else']);
    expect(warnings.listenerCount('warning')).toBe(1);
  });
});
