import protobuf from 'protobufjs';

/**
 * The part of opentelemetry-proto v1 that the exporter and the ledger read
 * (`common/v1/common.proto`, `resource/v1/resource.proto`, `metrics/v1/metrics.proto`,
 * `trace/v1/trace.proto`, and the `collector/{metrics,trace}/v1` services), plus
 * `google.rpc.Status` for error bodies. Field numbers are the upstream ones; fields left out
 * (exemplars, entity refs, exponential-histogram buckets, span events, links, trace state,
 * parent span id) are skipped as unknown fields when decoding. `@opentelemetry/otlp-transformer`
 * 0.223.0 only serialises requests and ships no decoder, hence this copy.
 */
const OTLP_PROTO = `
syntax = "proto3";
package otlp;

message AnyValue {
  oneof value {
    string string_value = 1;
    bool bool_value = 2;
    int64 int_value = 3;
    double double_value = 4;
    ArrayValue array_value = 5;
    KeyValueList kvlist_value = 6;
    bytes bytes_value = 7;
  }
}
message ArrayValue { repeated AnyValue values = 1; }
message KeyValueList { repeated KeyValue values = 1; }
message KeyValue {
  string key = 1;
  AnyValue value = 2;
}
message InstrumentationScope {
  string name = 1;
  string version = 2;
  repeated KeyValue attributes = 3;
  uint32 dropped_attributes_count = 4;
}
message Resource {
  repeated KeyValue attributes = 1;
  uint32 dropped_attributes_count = 2;
}

message ExportMetricsServiceRequest { repeated ResourceMetrics resource_metrics = 1; }
message ResourceMetrics {
  Resource resource = 1;
  repeated ScopeMetrics scope_metrics = 2;
  string schema_url = 3;
}
message ScopeMetrics {
  InstrumentationScope scope = 1;
  repeated Metric metrics = 2;
  string schema_url = 3;
}
message Metric {
  string name = 1;
  string description = 2;
  string unit = 3;
  oneof data {
    Gauge gauge = 5;
    Sum sum = 7;
    Histogram histogram = 9;
    ExponentialHistogram exponential_histogram = 10;
    Summary summary = 11;
  }
}
message Gauge { repeated NumberDataPoint data_points = 1; }
message Sum {
  repeated NumberDataPoint data_points = 1;
  int32 aggregation_temporality = 2;
  bool is_monotonic = 3;
}
message Histogram {
  repeated HistogramDataPoint data_points = 1;
  int32 aggregation_temporality = 2;
}
message ExponentialHistogram {
  repeated OpaqueDataPoint data_points = 1;
  int32 aggregation_temporality = 2;
}
message Summary { repeated OpaqueDataPoint data_points = 1; }
message OpaqueDataPoint {}
message NumberDataPoint {
  repeated KeyValue attributes = 7;
  fixed64 start_time_unix_nano = 2;
  fixed64 time_unix_nano = 3;
  oneof value {
    double as_double = 4;
    sfixed64 as_int = 6;
  }
  uint32 flags = 8;
}
message HistogramDataPoint {
  repeated KeyValue attributes = 9;
  fixed64 start_time_unix_nano = 2;
  fixed64 time_unix_nano = 3;
  fixed64 count = 4;
  optional double sum = 5;
  repeated fixed64 bucket_counts = 6;
  repeated double explicit_bounds = 7;
  uint32 flags = 10;
}

message ExportMetricsServiceResponse { ExportMetricsPartialSuccess partial_success = 1; }
message ExportMetricsPartialSuccess {
  int64 rejected_data_points = 1;
  string error_message = 2;
}

message ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
message ResourceSpans {
  Resource resource = 1;
  repeated ScopeSpans scope_spans = 2;
  string schema_url = 3;
}
message ScopeSpans {
  InstrumentationScope scope = 1;
  repeated Span spans = 2;
  string schema_url = 3;
}
message Span {
  bytes trace_id = 1;
  bytes span_id = 2;
  string name = 5;
  int32 kind = 6;
  fixed64 start_time_unix_nano = 7;
  fixed64 end_time_unix_nano = 8;
  repeated KeyValue attributes = 9;
  uint32 dropped_attributes_count = 10;
  SpanStatus status = 15;
}
message SpanStatus {
  string message = 2;
  int32 code = 3;
}

message ExportTraceServiceResponse { ExportTracePartialSuccess partial_success = 1; }
message ExportTracePartialSuccess {
  int64 rejected_spans = 1;
  string error_message = 2;
}

message Status {
  int32 code = 1;
  string message = 2;
}
`;

const root = protobuf.parse(OTLP_PROTO, { keepCase: false }).root;

/** `opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest`. */
export const ExportMetricsServiceRequestType = root.lookupType('otlp.ExportMetricsServiceRequest');
/** `opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse`. */
export const ExportMetricsServiceResponseType = root.lookupType('otlp.ExportMetricsServiceResponse');
/** `opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest`. */
export const ExportTraceServiceRequestType = root.lookupType('otlp.ExportTraceServiceRequest');
/** `opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse`. */
export const ExportTraceServiceResponseType = root.lookupType('otlp.ExportTraceServiceResponse');
/** `google.rpc.Status`, the body OTLP/HTTP sends with 4xx and 5xx responses. */
export const StatusType = root.lookupType('otlp.Status');
