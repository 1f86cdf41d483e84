#include "ui/charts/chartspecs.h"

namespace swb {

const QList<ChartSpec> &chartSpecs()
{
    // Levels (concurrency, backlog, age) are the peak within a bin; counts are totals per bin.
    static const QList<ChartSpec> specs = {
        {"Concurrency vs limits",
         ValueKind::Count,
         "environments",
         ValueKind::Count,
         nullptr,
         {{"lambda.concurrency", "concurrency", Qt::SolidLine},
          {"account.concurrency", "concurrency", Qt::DotLine}}},
        {"Queue backlog",
         ValueKind::Count,
         "messages",
         ValueKind::Count,
         nullptr,
         {{"sqs.visible", "visible", Qt::SolidLine},
          {"sqs.in_flight", "in flight", Qt::DashLine},
          {"lambda.async_queue", "async queue", Qt::DotLine}}},
        {"Oldest message age / iterator age",
         ValueKind::Seconds,
         "age",
         ValueKind::Count,
         "blocked shards",
         {{"sqs.oldest_age_s", "oldest message age", Qt::SolidLine},
          {"kinesis.iterator_age_s", "iterator age", Qt::SolidLine},
          {"sfn.transition_delay_s", "transition delay", Qt::DashLine},
          {"kinesis.blocked_shards", "blocked shards (right axis)", Qt::DotLine, true}}},
        {"Throttles, errors, retries, DLQ",
         ValueKind::Count,
         "events per %1 bin",
         ValueKind::Count,
         nullptr,
         {{"lambda.throttles", "throttles", Qt::SolidLine},
          {"lambda.errors", "errors", Qt::DashLine},
          {"lambda.retries", "retries", Qt::DotLine},
          {"lambda.dlq", "to DLQ", Qt::DashDotLine},
          {"sqs.to_dlq", "to DLQ", Qt::DashDotLine},
          {"lambda.timeouts", "timeouts", Qt::DashDotDotLine},
          {"apigw.throttled_429", "429s", Qt::SolidLine},
          {"apigw.errors_5xx", "5xx", Qt::DashLine},
          {"apigw.timeouts_504", "504 timeouts", Qt::DotLine},
          {"kinesis.write_throttles", "write throttles", Qt::SolidLine},
          {"kinesis.read_throttles", "read throttles", Qt::DashLine},
          {"sns.publish_throttles", "publish throttles", Qt::SolidLine},
          {"sfn.start_throttles", "StartExecution throttles", Qt::SolidLine},
          {"sns.dlq", "to DLQ", Qt::DashDotLine},
          {"sfn.failures", "failures", Qt::DashLine},
          {"downstream.rejections", "rejections", Qt::SolidLine}}},
        {"End-to-end latency per entry path",
         ValueKind::Milliseconds,
         "latency",
         ValueKind::Count,
         nullptr,
         {{"source.e2e_p50_ms", "p50", Qt::DotLine},
          {"source.e2e_p95_ms", "p95", Qt::DashLine},
          {"source.e2e_p99_ms", "p99", Qt::SolidLine}}},
        {"Monthly cost per service",
         ValueKind::Usd,
         "USD / month (projected)",
         ValueKind::Usd,
         "USD accrued so far",
         {}},
    };
    return specs;
}

QColor blockColor(int index)
{
    // Tableau 20: the ten strong hues first, then their light partners.
    static const QColor colors[] = {
        QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c),
        QColor(0xd6, 0x27, 0x28), QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b),
        QColor(0xe3, 0x77, 0xc2), QColor(0x7f, 0x7f, 0x7f), QColor(0xbc, 0xbd, 0x22),
        QColor(0x17, 0xbe, 0xcf), QColor(0xae, 0xc7, 0xe8), QColor(0xff, 0xbb, 0x78),
        QColor(0x98, 0xdf, 0x8a), QColor(0xff, 0x98, 0x96), QColor(0xc5, 0xb0, 0xd5),
        QColor(0xc4, 0x9c, 0x94), QColor(0xf7, 0xb6, 0xd2), QColor(0xc7, 0xc7, 0xc7),
        QColor(0xdb, 0xdb, 0x8d), QColor(0x9e, 0xda, 0xe5)};
    constexpr int n = int(sizeof(colors) / sizeof(colors[0]));
    return colors[((index % n) + n) % n];
}

QColor accountColor()
{
    return QColor(0x33, 0x33, 0x33);
}

} // namespace swb

namespace swb {

QPen chartPen(const QColor &color, Qt::PenStyle style)
{
    QPen pen(color, 1, style, Qt::FlatCap);
    pen.setCosmetic(true);
    return pen;
}

} // namespace swb
