/** What the core needs to report; the action shell backs it with @actions/core, tests with an array. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warning(message: string, where?: AnnotationPosition): void;
  error(message: string, where?: AnnotationPosition): void;
}

export interface AnnotationPosition {
  file?: string;
  startLine?: number;
  startColumn?: number;
}

/** A logger that remembers everything; for tests and for code that wants to inspect what was said. */
export class MemoryLogger implements Logger {
  readonly lines: {
    level: 'debug' | 'info' | 'warning' | 'error';
    message: string;
    where?: AnnotationPosition;
  }[] = [];
  debug(message: string): void {
    this.lines.push({ level: 'debug', message });
  }
  info(message: string): void {
    this.lines.push({ level: 'info', message });
  }
  warning(message: string, where?: AnnotationPosition): void {
    this.lines.push({ level: 'warning', message, where });
  }
  error(message: string, where?: AnnotationPosition): void {
    this.lines.push({ level: 'error', message, where });
  }
}
