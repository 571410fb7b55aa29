import { existsSync, readFileSync, statSync } from 'fs';
import { dirname, isAbsolute, join } from 'path';
import { fileURLToPath } from 'url';

/** A place in a source file: its path and 1-based line and column. */
export interface SourcePosition {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/**
 * The file, line and column a stack frame names: `name (file:line:column)` or `file:line:column`, as V8 writes
 * frames, and the forms CDK's rendering of a creation stack gives frames with no function name
 * (`file:line (:)`, `file:line: (file:line:column)`). Undefined for frames without a position (`native`, CDK's
 * `...node internals...` summaries).
 */
export function framePosition(frame: string): SourcePosition | undefined {
  const trimmed = frame.trim().replace(/^at /, '');
  const open = trimmed.endsWith(')') ? trimmed.lastIndexOf('(') : -1;
  const candidates = open >= 0 ? [trimmed.slice(open + 1, -1), trimmed.slice(0, open).trim()] : [trimmed];
  for (const candidate of candidates) {
    const position = locationPosition(candidate.replace(/:$/, ''));
    if (position) return position;
  }
  return undefined;
}

/** `file:line:column` or `file:line` (column 1), when the file is an absolute path or a `file:` URL. */
function locationPosition(location: string): SourcePosition | undefined {
  const last = location.lastIndexOf(':');
  const beforeLast = location.lastIndexOf(':', last - 1);
  const numbers = [location.slice(beforeLast + 1, last), location.slice(last + 1)].map(Number);
  const [line, column, fileEnd] = isPositive(numbers[0]) && isPositive(numbers[1]) ? [numbers[0], numbers[1], beforeLast] : [numbers[1], 1, last];
  if (!isPositive(line) || fileEnd <= 0) return undefined;
  let file = location.slice(0, fileEnd);
  if (file.startsWith('file://')) file = fileURLToPath(file);
  return isAbsolute(file) ? { file, line, column } : undefined;
}

function isPositive(value: number): boolean {
  return Number.isInteger(value) && value >= 1;
}

/** Source maps larger than this are not read: a position in the compiled file is still a position. */
const MAX_SOURCE_MAP_BYTES = 32 * 1024 * 1024;

/**
 * Positions in compiled JavaScript mapped back to the source that was compiled (TypeScript), through the file's
 * source map (Source Map Revision 3: a `//# sourceMappingURL=` comment naming a `.map` file or holding a `data:` URL).
 * A position in a file with no readable map is returned as it is; an app run with ts-node or
 * `node --enable-source-maps` already reports source positions. Each map is read once.
 */
export class SourceMaps {
  private readonly maps = new Map<string, DecodedMap | undefined>();

  /** The source position of a position in a compiled file (the position itself when the file has no map). */
  public original(position: SourcePosition): SourcePosition {
    const map = this.mapOf(position.file);
    const mapped = map?.original(position.line - 1, position.column - 1);
    return mapped ?? position;
  }

  private mapOf(file: string): DecodedMap | undefined {
    if (this.maps.has(file)) return this.maps.get(file);
    let map: DecodedMap | undefined;
    try {
      map = /\.[cm]?js$/.test(file) ? readSourceMap(file) : undefined;
    } catch {
      map = undefined; // an unreadable map leaves the compiled position
    }
    this.maps.set(file, map);
    return map;
  }
}

interface RawSourceMap {
  readonly sources?: unknown;
  readonly sourceRoot?: unknown;
  readonly mappings?: unknown;
}

function readSourceMap(file: string): DecodedMap | undefined {
  if (!existsSync(file) || statSync(file).size > MAX_SOURCE_MAP_BYTES) return undefined;
  const code = readFileSync(file, 'utf8');
  const url = lastSourceMappingUrl(code);
  if (url === undefined) return undefined;
  let text: string;
  let directory = dirname(file);
  const inline = /^data:application\/json[^,]*;base64,/.exec(url);
  if (inline) {
    text = Buffer.from(url.slice(inline[0].length), 'base64').toString('utf8');
  } else {
    const mapFile = join(dirname(file), decodeURI(url));
    if (!existsSync(mapFile) || statSync(mapFile).size > MAX_SOURCE_MAP_BYTES) return undefined;
    text = readFileSync(mapFile, 'utf8');
    directory = dirname(mapFile);
  }
  const raw = JSON.parse(text) as RawSourceMap;
  if (typeof raw.mappings !== 'string' || !Array.isArray(raw.sources)) return undefined;
  const root = typeof raw.sourceRoot === 'string' ? raw.sourceRoot : '';
  const sources = raw.sources.map((source) => (typeof source === 'string' ? resolveSource(directory, root, source) : undefined));
  return new DecodedMap(raw.mappings, sources);
}

/** The URL of the file's last `sourceMappingURL` comment (the one the runtime honours). */
function lastSourceMappingUrl(code: string): string | undefined {
  const at = code.lastIndexOf('sourceMappingURL=');
  if (at < 0) return undefined;
  const before = code.slice(Math.max(0, at - 4), at);
  if (!/\/[/*][#@] ?$/.test(before)) return undefined;
  const rest = code.slice(at + 'sourceMappingURL='.length);
  const end = rest.search(/[\s*]/);
  const url = end < 0 ? rest : rest.slice(0, end);
  return url.length > 0 ? url : undefined;
}

function resolveSource(directory: string, root: string, source: string): string {
  if (source.startsWith('file://')) return fileURLToPath(source);
  const rooted = root.length > 0 ? join(root, source) : source;
  return isAbsolute(rooted) ? rooted : join(directory, rooted);
}

/** One mapping: a generated column, and the source, line and column it came from (0-based). */
interface Segment {
  readonly column: number;
  readonly source: number;
  readonly sourceLine: number;
  readonly sourceColumn: number;
}

/** A source map's mappings, decoded once: each generated line's segments, in column order. */
class DecodedMap {
  private readonly lines: Segment[][] = [];

  constructor(mappings: string, private readonly sources: ReadonlyArray<string | undefined>) {
    const state = { source: 0, sourceLine: 0, sourceColumn: 0, name: 0 };
    for (const line of mappings.split(';')) {
      const segments: Segment[] = [];
      let column = 0;
      for (const text of line.split(',')) {
        if (text.length === 0) continue;
        const values = decodeVlq(text);
        if (values === undefined) continue;
        column += values[0];
        if (values.length < 4) continue;
        state.source += values[1];
        state.sourceLine += values[2];
        state.sourceColumn += values[3];
        segments.push({ column, source: state.source, sourceLine: state.sourceLine, sourceColumn: state.sourceColumn });
      }
      segments.sort((a, b) => a.column - b.column);
      this.lines.push(segments);
    }
  }

  /** The source position of a 0-based generated line and column: the last segment at or before the column. */
  public original(line: number, column: number): SourcePosition | undefined {
    const segments = this.lines[line];
    if (!segments || segments.length === 0) return undefined;
    let found = segments[0];
    for (const segment of segments) {
      if (segment.column > column) break;
      found = segment;
    }
    const file = this.sources[found.source];
    return file === undefined ? undefined : { file, line: found.sourceLine + 1, column: found.sourceColumn + 1 };
  }
}

const MAX_VLQ_SCALE = 2 ** 35;

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The signed numbers of one segment in Base64 VLQ (5 bits a digit, continuation bit 32, sign in the lowest bit). */
function decodeVlq(text: string): number[] | undefined {
  const values: number[] = [];
  let value = 0;
  let scale = 1;
  for (const char of text) {
    const digit = BASE64.indexOf(char);
    if (digit < 0) return undefined;
    const continues = digit >= 32;
    value += (digit % 32) * scale;
    scale *= 32;
    if (scale > MAX_VLQ_SCALE) return undefined; // no mapping needs more than 32 bits
    if (continues) continue;
    values.push(value % 2 === 1 ? -Math.floor(value / 2) : value / 2);
    value = 0;
    scale = 1;
  }
  return values;
}
