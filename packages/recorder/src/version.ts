/** Instrumentation scope name of the recorder's tracer and meter. */
export const RECORDER_SCOPE_NAME = '@groqmeter/recorder';

/** This package's version (kept equal to package.json by a test). */
export const RECORDER_VERSION = '0.1.0';
