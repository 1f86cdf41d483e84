#pragma once
// The one list of services: a new service adds one line here and its module folders. Generated
// from it: the ComponentKind enum (model/kinds.h), the model's registry of service modules
// (model/services/registry.cpp, which calls <ns>::module()) and the simulation's registry
// (sim/services/registry.cpp, which calls <ns>::simService()).
//
// Columns: X(Kind, ns)
//   Kind  the ComponentKind enumerator
//   ns    the module's namespace under swb: model/services/<folder>/ defines
//         `const ServiceModule &swb::<ns>::module()`, sim/services/<folder>/ defines
//         `const SimService &swb::<ns>::simService()`
// The order is the palette order and the enum's values (files store kinds by id, never by
// number, so a service may be inserted anywhere).

// clang-format off
#define SWB_SERVICES(X)                                                                            \
    X(TrafficSource, traffic)    /* load entering the system (not an AWS resource) */              \
    X(ApiGateway,    apigw)      /* REST or HTTP API */                                            \
    X(SnsTopic,      sns)        /* standard or FIFO */                                            \
    X(EventBus,      eventbridge) /* custom event bus with rules and targets */                    \
    X(SqsQueue,      sqs)        /* standard or FIFO */                                            \
    X(KinesisStream, kinesis)    /* provisioned or on-demand */                                    \
    X(StepFunctions, sfn)        /* standard or express state machine with ordered Task states */  \
    X(Lambda,        lambda)                                                                       \
    X(Downstream,    downstream) /* a database or third-party API with a capacity and a latency */
// clang-format on
