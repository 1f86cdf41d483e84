#pragma once
// The registry of service modules: the one list a new service joins. A service module lives in
// core/services/<service>/: a public header with its settings struct and its metric enum and
// declarations (plain data: it must not include component.h, which includes this file), and the
// module's .cpp files, which define `ServiceSlot make<Name>Service(Kernel &)` (core/service.h).
// Adding a service = its module folder + one #include and one X(...) line below.
//
// Generated from the list: the ComponentKind values and metricId() overloads (component.h), the
// Scenario's settings vectors (scenario.h), and the kernel's service table with the set-up order
// (registry.cpp).
//
// Columns: X(Name, value, Settings, field, MetricEnum, metricTable)
//   Name         ComponentKind enumerator and the factory's name: make<Name>Service
//   value        the kind's number: stable, it seeds the component's RNG streams (never reuse one)
//   Settings     the per-component settings struct; Scenario::field is a std::vector of it
//   MetricEnum   the service's metric enum; metricTable its declarations (same order)
// Order matters: it is the set-up order (series registration, warnings, first events) and so the
// order of the metric series in every run (the golden fingerprints hash it). Append new services.

#include "core/services/apigateway/apigateway.h"
#include "core/services/downstream/downstream.h"
#include "core/services/eventbridge/eventbus.h"
#include "core/services/kinesis/kinesisstream.h"
#include "core/services/lambda/lambdafunction.h"
#include "core/services/sns/snstopic.h"
#include "core/services/sqs/sqsqueue.h"
#include "core/services/stepfunctions/stepfunctions.h"
#include "core/services/traffic/trafficsource.h"

// clang-format off
#define SWB_CORE_SERVICES(X)                                                                  \
    X(Lambda,        7, LambdaFunction, lambdas,       LambdaMetric,     kLambdaMetrics)      \
    X(TrafficSource, 1, TrafficSource,  sources,       SourceMetric,     kSourceMetrics)      \
    X(ApiGateway,    2, ApiGateway,     apis,          ApiMetric,        kApiMetrics)         \
    X(SnsTopic,      3, SnsTopic,       topics,        SnsMetric,        kSnsMetrics)         \
    X(SqsQueue,      4, SqsQueue,       queues,        SqsMetric,        kSqsMetrics)         \
    X(KinesisStream, 5, KinesisStream,  streams,       KinesisMetric,    kKinesisMetrics)     \
    X(StepFunctions, 6, StepFunctions,  stateMachines, SfnMetric,        kSfnMetrics)         \
    X(Downstream,    8, Downstream,     downstreams,   DownstreamMetric, kDownstreamMetrics) \
    X(EventBus,      9, EventBus,       eventBuses,    EventBusMetric,   kEventBusMetrics)
// clang-format on
