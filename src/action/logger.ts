import * as core from '@actions/core';
import type { AnnotationPosition, Logger } from '../logger.js';

/** The Logger of a running action: warnings and errors become annotations, on a file position when given. */
export function coreLogger(): Logger {
  return {
    debug: (message) => core.debug(message),
    info: (message) => core.info(message),
    warning: (message, where) => core.warning(message, annotationProperties(where)),
    error: (message, where) => core.error(message, annotationProperties(where)),
  };
}

export function annotationProperties(where: AnnotationPosition | undefined): core.AnnotationProperties {
  const properties: core.AnnotationProperties = {};
  if (where?.file !== undefined) properties.file = where.file;
  if (where?.startLine !== undefined) properties.startLine = where.startLine;
  if (where?.startColumn !== undefined) properties.startColumn = where.startColumn;
  return properties;
}
