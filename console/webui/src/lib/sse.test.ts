import { describe, expect, it } from 'vitest';
import { parseSse } from './sse';

describe('reading the change stream', () => {
  it('reads named events with their id and data', () => {
    const { events, rest } = parseSse('id: 1\nevent: change\ndata: {"service":"staging"}\n\n');
    expect(events).toEqual([{ event: 'change', data: '{"service":"staging"}', id: '1' }]);
    expect(rest).toBe('');
  });

  it('keeps an event cut in two until its end arrives', () => {
    const first = parseSse('event: change\ndata: {"a"');
    expect(first.events).toEqual([]);
    const second = parseSse(first.rest + ':1}\n\nevent: status\ndata: {}\n\n');
    expect(second.events.map((e) => e.event)).toEqual(['change', 'status']);
    expect(second.events[0].data).toBe('{"a":1}');
  });

  it('skips heartbeats and retry lines', () => {
    const { events } = parseSse('retry: 3000\n\n: keep-alive\n\nevent: status\ndata: {"reading":true}\n\n');
    expect(events).toEqual([{ event: 'status', data: '{"reading":true}', id: undefined }]);
  });

  it('accepts CRLF line ends and joins multi-line data', () => {
    const { events } = parseSse('data: a\r\ndata: b\r\n\r\n');
    expect(events).toEqual([{ event: 'message', data: 'a\nb', id: undefined }]);
  });
});
