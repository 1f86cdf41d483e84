#include "sim/scenariobuilder.h"

#include "sim/scenariobuilder_p.h"
#include "sim/trafficreplay.h"

#include "model/services/account/account.h"
#include "model/services/apigateway/apigateway.h"
#include "model/services/downstream/downstream.h"
#include "model/services/kinesis/kinesis.h"
#include "model/services/lambda/lambda.h"
#include "model/services/sns/sns.h"
#include "model/services/stepfunctions/stepfunctions.h"
#include "model/services/traffic/traffic.h"

#include <QDir>

namespace swb {

namespace detail {

void Builder::mapSettings() {
    const account::Params settings = account::Params::of(m_design.settings);
    m_sc.durationSeconds = m_options.durationSeconds.value_or(settings.duration);
    m_sc.seed = m_options.seed.value_or(quint64(settings.seed));
    m_sc.binWidthSeconds = m_options.binWidthSeconds;
    core::Account &a = m_sc.account;
    a.concurrencyLimit = u32(double(settings.accountConcurrency));
    a.unreservedMinimum = u32(double(lambda::kUnreservedMinimum));
    // One switch for both 2018 rules: Lambda's account burst + 500/min and the SQS pollers'
    // +60/min to 1,000 (aws-behaviour.md §1, §4 "Before late 2023").
    const bool legacy = settings.scalingModel == account::ScalingModel::Legacy2018;
    a.scaling = legacy ? core::ScalingMode::Legacy2018 : core::ScalingMode::Current;
    a.sqsPollerScaling = a.scaling;
    a.legacyBurst = u32(double(settings.legacyBurst));
    a.apiRateLimit = settings.apiAccountRate;
    a.apiBurstLimit = settings.apiAccountBurst;
}

void Builder::mapComponent(const Component &c) {
    const core::ComponentKind kind = toCoreKind(c.kind);
    std::uint32_t index = 0;
    switch (c.kind) {
    case CK::TrafficSource:
        index = u32(double(m_sc.sources.size()));
        m_sc.sources.push_back(makeSource(c));
        break;
    case CK::ApiGateway: {
        const apigw::Params p = apigw::Params::of(c.params);
        core::ApiGateway api;
        api.name = utf8(c.name);
        api.flavour = p.isHttp() ? core::ApiFlavour::Http : core::ApiFlavour::Rest;
        api.rateLimit = p.rateLimit;
        api.burstLimit = p.burstLimit;
        api.integrationTimeoutMs = p.integrationTimeout; // ms -> ms
        index = u32(double(m_sc.apis.size()));
        m_sc.apis.push_back(api);
        break;
    }
    case CK::SnsTopic: {
        const sns::Params p = sns::Params::of(c.params);
        core::SnsTopic topic;
        topic.name = utf8(c.name);
        topic.type = p.isFifo() ? core::TopicType::Fifo : core::TopicType::Standard;
        if (p.publishQuota != sns::Params().publishQuota)
            note(Severity::Info, "sim-approx-publish-quota",
                 QStringLiteral("Topic %1: the account publish quota is not simulated (only a "
                                "FIFO topic's own 3,000 msg/s / 20 MB/s limit throttles publishes "
                                "in a run)")
                     .arg(QLatin1Char('\'') + c.name + QLatin1Char('\'')),
                 {c.id});
        index = u32(double(m_sc.topics.size()));
        m_sc.topics.push_back(topic);
        break;
    }
    case CK::SqsQueue: {
        const sqs::Params p = sqs::Params::of(c.params);
        core::SqsQueue q;
        q.name = utf8(c.name);
        q.type = p.isFifo() ? core::QueueType::Fifo : core::QueueType::Standard;
        q.visibilityTimeoutSeconds = double(p.visibilityTimeout);
        q.retentionSeconds = double(p.retentionPeriod);
        q.delaySeconds = double(p.deliveryDelay);
        q.messageGroupCount = u32(double(p.messageGroups));
        q.maxReceiveCount = 0; // set by its Redrive wire
        index = u32(double(m_sc.queues.size()));
        m_sc.queues.push_back(q);
        break;
    }
    case CK::KinesisStream:
        index = u32(double(m_sc.streams.size()));
        m_sc.streams.push_back(makeStream(c));
        break;
    case CK::StepFunctions: {
        core::StepFunctions sm;
        sm.name = utf8(c.name);
        sm.type = sfn::Params::of(c.params).type == sfn::WorkflowType::Express
                      ? core::WorkflowType::Express
                      : core::WorkflowType::Standard;
        index = u32(double(m_sc.stateMachines.size()));
        m_sc.stateMachines.push_back(sm);
        break;
    }
    case CK::Lambda:
        index = u32(double(m_sc.lambdas.size()));
        m_sc.lambdas.push_back(makeLambda(c));
        break;
    case CK::Downstream: {
        const downstream::Params p = downstream::Params::of(c.params);
        core::Downstream d;
        d.name = utf8(c.name);
        d.capacityTps = p.capacity;
        d.maxConnections = u32(double(p.maxConnections));
        d.latencyMeanMs = p.latency;
        if (p.errorRate > 0)
            note(Severity::Info, "sim-approx-downstream-errors",
                 QStringLiteral("Downstream '%1': its base error rate is not simulated; only "
                                "overload (capacity, connections) and outages fail calls")
                     .arg(c.name),
                 {c.id});
        index = u32(double(m_sc.downstreams.size()));
        m_sc.downstreams.push_back(d);
        break;
    }
    }
    const core::ComponentRef r{kind, index};
    m_out->refs.insert(c.id, r);
    m_out->names.insert(c.id, c.name);
    auto &slot = m_out->byKind[std::size_t(kind)];
    if (slot.size() <= index)
        slot.resize(index + 1, InvalidId);
    slot[index] = c.id;
}

core::TrafficSource Builder::makeSource(const Component &c) {
    using traffic::Pattern;
    const traffic::Params p = traffic::Params::of(c.params);
    core::TrafficSource s;
    s.name = utf8(c.name);
    s.ratePerSecond = p.rate;
    switch (p.pattern) {
    case Pattern::Poisson:
        s.pattern = core::TrafficPattern::Poisson;
        break;
    case Pattern::Constant:
        s.pattern = core::TrafficPattern::Constant;
        break;
    case Pattern::Diurnal: {
        s.pattern = core::TrafficPattern::Diurnal;
        // Catalogue: f = peak / mean. Core: a cosine around the mean with max/min = F, so
        // peak = mean * 2F / (F + 1) and F = f / (2 - f); a cosine cannot peak above twice
        // its mean without going negative, so f >= 2 is capped there.
        const double f = p.peakFactor;
        s.diurnalPeakFactor = f < 1.999 ? f / (2 - f) : 1999;
        if (f > 2)
            note(Severity::Info, "sim-approx-diurnal-peak",
                 QStringLiteral("Traffic '%1': a diurnal peak of %2 x the mean is simulated "
                                "as 2 x (a daily cosine cannot go higher and keep its mean)")
                     .arg(c.name)
                     .arg(f),
                 {c.id});
        if (p.peakHour != 12)
            note(Severity::Info, "sim-approx-diurnal-hour",
                 QStringLiteral("Traffic '%1': the simulated day peaks at 12:00 (hour %2 is "
                                "not simulated); the run starts at midnight")
                     .arg(c.name)
                     .arg(p.peakHour),
                 {c.id});
        break;
    }
    case Pattern::Spike:
        s.pattern = core::TrafficPattern::Spike;
        break;
    case Pattern::Step:
        s.pattern = core::TrafficPattern::Step;
        break;
    case Pattern::Replay:
        s.pattern = core::TrafficPattern::Replay;
        loadReplay(c, &s);
        break;
    }
    s.startSeconds = p.spikeStart;
    s.durationSeconds = p.spikeDuration;
    s.multiplier = p.spikeMultiplier;
    s.payloadMeanBytes = p.payloadSize * 1024.0; // KB -> bytes
    switch (p.payloadDistribution) {
    case traffic::PayloadDistribution::Fixed:
        s.payloadDistribution = core::Distribution::Fixed;
        break;
    case traffic::PayloadDistribution::Exponential:
        s.payloadDistribution = core::Distribution::Exponential;
        break;
    case traffic::PayloadDistribution::Lognormal:
        s.payloadDistribution = core::Distribution::LogNormal;
        break;
    }
    QList<AttributeValue> values;
    QString error;
    if (!parseAttributes(p.attributes, &values, &error)) {
        note(Severity::Error, "sim-bad-attributes",
             QStringLiteral("Traffic '%1', parameter 'attributes': %2").arg(c.name, error), {c.id});
    }
    AttributeBuckets buckets;
    if (makeBuckets(values, &buckets))
        s.attributeValueCount = buckets.count;
    m_attributes.insert(c.id, values);
    return s;
}

void Builder::loadReplay(const Component &c, core::TrafficSource *s) {
    QString file = traffic::Params::of(c.params).replayFile;
    if (file.isEmpty()) {
        note(
            Severity::Error, "sim-replay-file",
            QStringLiteral("Traffic '%1' replays a CSV file but 'replayFile' is empty").arg(c.name),
            {c.id});
        return;
    }
    if (QDir::isRelativePath(file) && !m_options.baseDirectory.isEmpty())
        file = QDir(m_options.baseDirectory).filePath(file);
    QString error;
    if (!loadReplayCsv(file, &s->replay, &error))
        note(Severity::Error, "sim-replay-file",
             QStringLiteral("Traffic '%1': %2").arg(c.name, error), {c.id});
}

core::KinesisStream Builder::makeStream(const Component &c) {
    const kinesis::Params p = kinesis::Params::of(c.params);
    core::KinesisStream k;
    k.name = utf8(c.name);
    if (p.capacityMode == kinesis::CapacityMode::OnDemand) {
        // On-demand starts at 4 MB/s write (aws-behaviour.md §5) = the write capacity of 4 shards;
        // its later scaling (to 10 GB/s) is not simulated.
        k.mode = core::StreamMode::OnDemand;
        k.shards = 4;
        note(Severity::Info, "sim-approx-on-demand",
             QStringLiteral("Stream '%1' (on-demand) runs as 4 shards, its starting 4 MB/s "
                            "write capacity; on-demand scale-up is not simulated")
                 .arg(c.name),
             {c.id});
    } else {
        k.shards = u32(double(p.shards));
    }
    k.retentionHours = double(p.retentionHours);
    k.partitionKeyCount = u32(double(p.partitionKeys));
    const double hot = p.hotKeyShare;
    if (hot > 0) {
        k.skew = core::KeySkew::HotKey;
        k.hotKeyFraction = hot;
    }
    return k;
}

core::LambdaFunction Builder::makeLambda(const Component &c) {
    const lambda::Params p = lambda::Params::of(c.params);
    core::LambdaFunction f;
    f.name = utf8(c.name);
    f.memoryMb = u32(double(p.memory));
    f.timeoutSeconds = double(p.timeout);
    // Resolved once, by the Lambda module: -1 = unreserved, 0 = kill switch, n = reserved.
    f.reservedConcurrency = std::int32_t(lambda::reservedConcurrency(p).forScenario());
    f.provisionedConcurrency = u32(double(p.provisionedConcurrency));
    f.durationMeanMs = p.duration;
    f.durationCv = p.durationCv;
    f.durationDistribution =
        f.durationCv > 0 ? core::Distribution::LogNormal : core::Distribution::Fixed;
    f.errorRate = p.errorRate;
    f.coldStartMs = p.coldStart;
    f.idleExpirySeconds = double(p.idleExpiry);
    f.architecture = p.architecture == lambda::Architecture::Arm64 ? core::Architecture::Arm
                                                                   : core::Architecture::X86;
    f.async.maxRetryAttempts = u32(double(p.maxRetryAttempts));
    f.async.maxEventAgeSeconds = double(p.maxEventAge);
    return f;
}

} // namespace detail

using CK = ComponentKind;

core::ComponentKind toCoreKind(ComponentKind kind) {
    switch (kind) {
    case CK::TrafficSource:
        return core::ComponentKind::TrafficSource;
    case CK::ApiGateway:
        return core::ComponentKind::ApiGateway;
    case CK::SnsTopic:
        return core::ComponentKind::SnsTopic;
    case CK::SqsQueue:
        return core::ComponentKind::SqsQueue;
    case CK::KinesisStream:
        return core::ComponentKind::KinesisStream;
    case CK::StepFunctions:
        return core::ComponentKind::StepFunctions;
    case CK::Lambda:
        return core::ComponentKind::Lambda;
    case CK::Downstream:
        return core::ComponentKind::Downstream;
    }
    return core::ComponentKind::None;
}

ComponentId BuildResult::componentOf(core::ComponentRef ref) const {
    const auto k = std::size_t(ref.kind);
    if (!ref.valid() || k >= byKind.size() || ref.index >= byKind[k].size())
        return InvalidId;
    return byKind[k][ref.index];
}

QList<BuildFinding> BuildResult::errors() const {
    QList<BuildFinding> out;
    for (const BuildFinding &f : findings) {
        if (f.severity == BuildFinding::Severity::Error)
            out.append(f);
    }
    return out;
}

BuildResult buildScenario(const Design &design, const BuildOptions &options) {
    BuildResult result;
    result.byKind.resize(std::size_t(core::ComponentKind::Downstream) + 1);
    if (options.runAnalysis)
        detail::appendAnalysisFindings(design, &result);
    detail::Builder(design, options, &result).run();
    result.ok = result.errors().isEmpty();
    return result;
}

QString BuildResult::errorText() const {
    QStringList lines;
    for (const BuildFinding &f : errors())
        lines.append(QStringLiteral("error  %1  %2").arg(f.code, f.message));
    return lines.join(QLatin1Char('\n'));
}

} // namespace swb
