#include "ui/playback/liveoverlay.h"

#include "model/document.h"
#include "model/services/account/account.h"
#include "model/services/lambda/lambda.h"
#include "ui/canvas/diagramscene.h"
#include "ui/canvas/wireitem.h"
#include "ui/charts/axisformat.h"
#include "ui/playback/framestore.h"
#include "ui/playback/refreshpacer.h"

#include <QCoreApplication>
#include <QSet>

#include <cmath>

namespace swb {

namespace {

constexpr int kTickMs = 40; // 25 fps token animation

QString tr(const char *text)
{
    return QCoreApplication::translate("swb::LiveOverlay", text);
}

// Reads the series of one component in the current and previous frame.
struct Reader {
    const SeriesCatalog &catalog;
    const MetricFrame &frame;
    const MetricFrame *previous;
    ComponentId id;

    bool has(const char *name) const { return index(name) >= 0; }
    // Series of this component by name (built once per frame: SeriesCatalog::indexOf is a
    // linear scan, far too slow for 200 blocks x 15 lookups at 20 updates per second).
    const QHash<QString, int> *byName;
    int index(const char *name) const { return byName->value(QLatin1String(name), -1); }
    double at(const MetricFrame &f, const char *name) const
    {
        const int i = index(name);
        return i >= 0 && i < f.values.size() ? f.values.at(i) : 0.0;
    }
    double get(const char *name) const { return at(frame, name); }
    double prev(const char *name) const { return previous ? at(*previous, name) : 0.0; }
    // Per simulated second: "sum" series are totals per bin.
    double rate(const char *name) const
    {
        return catalog.binWidthSeconds > 0 ? get(name) / catalog.binWidthSeconds : get(name);
    }
};

void raise(BlockOverlay::Severity *s, BlockOverlay::Severity to)
{
    if (int(to) > int(*s))
        *s = to;
}

QString line(const QString &label, double value, const QString &unit = {})
{
    return QStringLiteral("%1: %2%3")
        .arg(label, compactNumber(value), unit.isEmpty() ? QString() : QLatin1Char(' ') + unit);
}

BlockOverlay blockOverlay(const Component &c, const Design &design, const Reader &r,
                          bool isDeadLetterTarget, double *throughput)
{
    using S = BlockOverlay::Severity;
    BlockOverlay o;
    o.severity = S::Ok;
    QStringList tips;
    QStringList trouble;
    switch (c.kind) {
    case ComponentKind::Lambda: {
        const double conc = r.get("lambda.concurrency");
        // The function's reservation, or the account pool it shares (the Lambda module's rule).
        const qlonglong limit =
            lambda::concurrencyLimit(lambda::reservedConcurrency(lambda::Params::of(c.params)),
                                     account::Params::of(design.settings).accountConcurrency);
        o.topBadge = QStringLiteral("%1 / %2").arg(compactNumber(conc), compactNumber(limit));
        const double throttles = r.get("lambda.throttles");
        const double errors = r.get("lambda.errors") + r.get("lambda.timeouts");
        const double dlq = r.get("lambda.dlq");
        const double retries = r.get("lambda.retries");
        const double queue = r.get("lambda.async_queue");
        *throughput = r.rate("lambda.invocations");
        if (throttles > 0) {
            raise(&o.severity, S::Error);
            trouble << tr("throttled (concurrency limit reached)");
        }
        if (errors > 0) {
            raise(&o.severity, S::Error);
            trouble << tr("failing");
        }
        if (dlq > 0)
            raise(&o.severity, S::Error);
        if (retries > 0)
            raise(&o.severity, S::Warning);
        if (errors > 0 || throttles > 0)
            o.bottomBadge = QStringLiteral("err %1 thr %2")
                                .arg(compactNumber(errors), compactNumber(throttles));
        else if (queue > 0)
            o.bottomBadge = QStringLiteral("queued %1").arg(compactNumber(queue));
        tips << line(tr("Concurrency"), conc, QStringLiteral("/ %1").arg(limit))
             << line(tr("Invocations"), r.get("lambda.invocations"))
             << line(tr("Throttles"), throttles) << line(tr("Errors + timeouts"), errors)
             << line(tr("Retries"), retries) << line(tr("Async queue"), queue)
             << line(tr("Sent to DLQ / on-failure"), dlq);
        break;
    }
    case ComponentKind::SqsQueue: {
        // The same three series the backlog and age charts plot (one truth for a queue):
        // visible, in flight (received, not yet deleted) and the oldest non-deleted message.
        const double visible = r.get("sqs.visible");
        const double inFlight = r.get("sqs.in_flight");
        const double age = r.get("sqs.oldest_age_s");
        const double dlqIn = r.get("sqs.dlq_received");
        const double toDlq = r.get("sqs.to_dlq");
        *throughput = r.rate("sqs.sent");
        o.topBadge = inFlight > 0 ? QStringLiteral("%1 visible \u00b7 %2 in flight")
                                        .arg(compactNumber(visible), compactNumber(inFlight))
                                  : QStringLiteral("%1 msgs").arg(compactNumber(visible));
        if (age > 0)
            o.bottomBadge = QStringLiteral("oldest %1").arg(formatDuration(age));
        // A queue wired as a redrive / on-failure target is a DLQ: show its depth, red while
        // dead letters arrive.
        if (isDeadLetterTarget || dlqIn > 0) {
            o.bottomBadge = QStringLiteral("DLQ %1").arg(compactNumber(visible));
            if (dlqIn > 0 || (r.previous && visible > r.prev("sqs.visible"))) {
                raise(&o.severity, S::Error);
                trouble << tr("dead letters arriving");
            } else if (visible > 0) {
                // A non-empty DLQ needs a look even when nothing new arrives.
                raise(&o.severity, S::Warning);
            }
        } else if (r.previous && visible > r.prev("sqs.visible") && visible > 0) {
            raise(&o.severity, S::Warning);
            trouble << tr("backlog growing");
        } else if (r.previous && age > 60 && age > r.prev("sqs.oldest_age_s")) {
            // Messages received and not deleted (a failing consumer) age in flight.
            raise(&o.severity, S::Warning);
            trouble << tr("oldest message ageing");
        }
        if (toDlq > 0)
            raise(&o.severity, S::Error);
        tips << line(tr("Visible"), visible) << line(tr("In flight"), inFlight)
             << QStringLiteral("%1: %2").arg(tr("Oldest message age"), formatDuration(age))
             << line(tr("Sent"), r.get("sqs.sent")) << line(tr("Redriven to DLQ"), toDlq)
             << line(tr("Dead letters received"), dlqIn);
        break;
    }
    case ComponentKind::KinesisStream: {
        const double age = r.get("kinesis.iterator_age_s");
        const double blocked = r.get("kinesis.blocked_shards");
        const double throttles = r.get("kinesis.write_throttles");
        *throughput = r.rate("kinesis.incoming_records");
        o.topBadge = QStringLiteral("age %1").arg(formatDuration(age));
        if (blocked > 0)
            o.bottomBadge = QStringLiteral("%1 blocked").arg(compactNumber(blocked));
        if (throttles > 0 || blocked > 0) {
            raise(&o.severity, S::Error);
            trouble << tr("write throttles or blocked shards");
        } else if (r.previous && age > r.prev("kinesis.iterator_age_s") && age > 1) {
            raise(&o.severity, S::Warning);
            trouble << tr("iterator age growing");
        }
        tips << QStringLiteral("%1: %2").arg(tr("Iterator age"), formatDuration(age))
             << line(tr("Blocked shards"), blocked) << line(tr("Write throttles"), throttles)
             << line(tr("Incoming records"), r.get("kinesis.incoming_records"))
             << line(tr("On-failure"), r.get("kinesis.on_failure"));
        break;
    }
    case ComponentKind::SnsTopic: {
        const double failures = r.get("sns.delivery_failures");
        const double retries = r.get("sns.delivery_retries");
        *throughput = r.rate("sns.publishes");
        o.topBadge = QStringLiteral("%1/s").arg(compactNumber(*throughput));
        if (failures > 0 || r.get("sns.dlq") > 0)
            raise(&o.severity, S::Error);
        else if (retries > 0)
            raise(&o.severity, S::Warning);
        tips << line(tr("Publishes"), r.get("sns.publishes"))
             << line(tr("Deliveries"), r.get("sns.deliveries"))
             << line(tr("Delivery failures"), failures) << line(tr("Retries"), retries)
             << line(tr("DLQ"), r.get("sns.dlq"));
        break;
    }
    case ComponentKind::ApiGateway: {
        const double t429 = r.get("apigw.throttled_429");
        const double e5xx = r.get("apigw.errors_5xx") + r.get("apigw.timeouts_504");
        *throughput = r.rate("apigw.requests");
        o.topBadge = QStringLiteral("%1/s").arg(compactNumber(*throughput));
        if (t429 > 0 || e5xx > 0) {
            raise(&o.severity, S::Error);
            o.bottomBadge =
                QStringLiteral("429 %1 5xx %2").arg(compactNumber(t429), compactNumber(e5xx));
        }
        tips << line(tr("Requests"), r.get("apigw.requests")) << line(tr("429"), t429)
             << line(tr("5xx / 504"), e5xx)
             << line(tr("Latency p99"), r.get("apigw.latency_p99_ms"), QStringLiteral("ms"));
        break;
    }
    case ComponentKind::StepFunctions: {
        const double failures = r.get("sfn.failures");
        const double throttles = r.get("sfn.start_throttles");
        const double retries = r.get("sfn.retries");
        *throughput = r.rate("sfn.executions");
        o.topBadge = QStringLiteral("%1/s").arg(compactNumber(*throughput));
        if (failures > 0 || throttles > 0) {
            raise(&o.severity, S::Error);
            o.bottomBadge = QStringLiteral("failed %1").arg(compactNumber(failures));
        } else if (retries > 0) {
            raise(&o.severity, S::Warning);
        }
        tips << line(tr("Executions"), r.get("sfn.executions"))
             << line(tr("Start throttles"), throttles) << line(tr("Retries"), retries)
             << line(tr("Failures"), failures);
        break;
    }
    case ComponentKind::Downstream: {
        const double rejections = r.get("downstream.rejections");
        *throughput = r.rate("downstream.calls");
        o.topBadge = QStringLiteral("%1 conn").arg(compactNumber(r.get("downstream.connections")));
        if (rejections > 0) {
            raise(&o.severity, S::Error);
            o.bottomBadge = QStringLiteral("rejected %1").arg(compactNumber(rejections));
        }
        tips << line(tr("Calls"), r.get("downstream.calls")) << line(tr("Rejections"), rejections)
             << line(tr("Connections"), r.get("downstream.connections"));
        break;
    }
    case ComponentKind::TrafficSource:
        *throughput = r.rate("source.generated");
        o.topBadge = QStringLiteral("%1/s").arg(compactNumber(*throughput));
        tips << line(tr("Generated"), r.get("source.generated"))
             << line(tr("End-to-end p99"), r.get("source.e2e_p99_ms"), QStringLiteral("ms"));
        break;
    }
    if (!trouble.isEmpty())
        tips.prepend(QStringLiteral("<b>%1</b>").arg(trouble.join(QStringLiteral(", "))));
    o.toolTip = tips.join(QStringLiteral("<br>"));
    return o;
}

bool isFailurePath(ConnectionKind k)
{
    return k == ConnectionKind::OnFailure || k == ConnectionKind::Redrive;
}

} // namespace

QString compactNumber(double v)
{
    if (!std::isfinite(v))
        return QStringLiteral("-");
    const double a = std::fabs(v);
    if (a >= 1e6)
        return QString::number(v / 1e6, 'f', a >= 1e7 ? 0 : 1) + QLatin1Char('M');
    if (a >= 1e3)
        return QString::number(v / 1e3, 'f', a >= 1e4 ? 0 : 1) + QLatin1Char('k');
    if (a >= 10 || v == std::floor(v))
        return QString::number(qRound64(v));
    return QString::number(v, 'f', a >= 1 ? 1 : 2);
}

LiveState computeLiveState(const Design &design, const SeriesCatalog &catalog,
                           const MetricFrame &frame, const MetricFrame *previous)
{
    LiveState state;
    QSet<ComponentId> deadLetterTargets;
    for (const Connection &w : design.connections)
        if (isFailurePath(w.kind))
            deadLetterTargets.insert(w.target);
    QHash<ComponentId, QHash<QString, int>> index;
    for (int i = 0; i < catalog.series.size(); ++i)
        index[catalog.series.at(i).component].insert(catalog.series.at(i).name, i);
    const QHash<QString, int> none;
    auto seriesOf = [&](ComponentId id) {
        auto it = index.constFind(id);
        return it == index.cend() ? &none : &it.value();
    };
    QHash<ComponentId, double> throughput;
    QHash<ComponentId, int> health;
    for (const Component &c : design.components) {
        const Reader r{catalog, frame, previous, c.id, seriesOf(c.id)};
        double t = 0;
        state.blocks.insert(c.id, blockOverlay(c, design, r, deadLetterTargets.contains(c.id), &t));
        throughput.insert(c.id, t);
        const BlockOverlay::Severity s = state.blocks.value(c.id).severity;
        health.insert(c.id, s == BlockOverlay::Severity::Error     ? 2
                            : s == BlockOverlay::Severity::Warning ? 1
                                                                   : 0);
    }
    // Flow over a wire: the traffic its target takes in, shared between the target's inbound
    // wires of the same path kind; a failure path carries what the source dead-letters.
    QHash<ComponentId, int> inbound;
    for (const Connection &w : design.connections)
        if (!isFailurePath(w.kind))
            ++inbound[w.target];
    double busiest = 0;
    for (const Connection &w : design.connections) {
        LiveState::Flow f;
        if (isFailurePath(w.kind)) {
            const Reader src{catalog, frame, previous, w.source, seriesOf(w.source)};
            f.perSecond = src.rate("lambda.dlq") + src.rate("sqs.to_dlq") + src.rate("sns.dlq")
                          + src.rate("kinesis.on_failure");
            f.health = f.perSecond > 0 ? 2 : 0;
        } else {
            f.perSecond = throughput.value(w.target) / qMax(1, inbound.value(w.target));
            f.health = health.value(w.target);
        }
        busiest = qMax(busiest, f.perSecond);
        state.wires.insert(w.id, f);
    }
    for (LiveState::Flow &f : state.wires)
        f.intensity = busiest > 0 ? f.perSecond / busiest : 0;
    return state;
}

LiveOverlay::LiveOverlay(DiagramScene *scene, FrameStore *store, QObject *parent)
    : QObject(parent)
    , m_scene(scene)
    , m_store(store)
{
    m_tick.setInterval(kTickMs);
    connect(&m_tick, &QTimer::timeout, this, &LiveOverlay::onTick);
    // Paced with the charts (refreshpacer.h): the newest position, never every batch.
    connect(store->pacer(), &RefreshPacer::refreshDue, this, &LiveOverlay::refreshIfMoved);
    connect(store, &FrameStore::cleared, this, &LiveOverlay::refreshNow);
}

void LiveOverlay::setAnimating(bool animating)
{
    m_animating = animating;
    updateTicking();
}

void LiveOverlay::refreshIfMoved()
{
    if (m_store->position() != m_shown || m_store->frameCount() != m_shownFrames)
        refreshNow();
}

void LiveOverlay::refreshNow()
{
    const qint64 pos = m_store->position();
    m_shown = pos;
    m_shownFrames = m_store->frameCount();
    if (pos < 0) {
        m_state = {};
        m_scene->clearLiveState();
        updateTicking();
        return;
    }
    const MetricFrame *previous = pos > 0 ? &m_store->frame(pos - 1) : nullptr;
    m_state = computeLiveState(m_scene->document()->design(), m_store->catalog(),
                               m_store->frame(pos), previous);
    for (auto it = m_state.blocks.cbegin(); it != m_state.blocks.cend(); ++it)
        m_scene->setBlockOverlay(it.key(), it.value());
    for (auto it = m_state.wires.cbegin(); it != m_state.wires.cend(); ++it)
        m_scene->setWireFlow(it.key(), it->intensity, it->health);
    updateTicking();
}

void LiveOverlay::updateTicking()
{
    bool flowing = false;
    for (const LiveState::Flow &f : std::as_const(m_state.wires))
        flowing = flowing || f.intensity > 0;
    const bool run = m_animating && flowing;
    if (run && !m_tick.isActive()) {
        m_clock.start();
        m_tick.start();
    } else if (!run && m_tick.isActive()) {
        m_tick.stop();
    }
}

void LiveOverlay::onTick()
{
    // Phase in "dash lengths per wall second"; each wire scales it by its own intensity.
    m_phase += m_clock.restart() / 1000.0;
    for (auto it = m_state.wires.cbegin(); it != m_state.wires.cend(); ++it) {
        if (it->intensity <= 0)
            continue;
        if (WireItem *wire = m_scene->wireItem(it.key()))
            wire->setFlowPhase(m_phase);
    }
}

} // namespace swb
