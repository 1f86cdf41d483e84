#include "ui/playback/liveoverlay.h"

#include "model/document.h"
#include "model/humanformat.h"
#include "sim/services/simservice.h"
#include "ui/canvas/diagramscene.h"
#include "ui/canvas/wireitem.h"
#include "ui/charts/axisformat.h"
#include "ui/playback/framestore.h"
#include "ui/playback/refreshpacer.h"

#include <QSet>

#include <cmath>

namespace swb {

namespace {

constexpr int kTickMs = 40; // 25 fps token animation

// The module's words for a block, as the canvas paints them.
BlockOverlay overlayOf(const LiveFigures &f)
{
    BlockOverlay o;
    o.topBadge = f.topBadge;
    o.bottomBadge = f.bottomBadge;
    o.toolTip = f.toolTip();
    static_assert(int(LiveSeverity::Error) == int(BlockOverlay::Severity::Error)
                  && int(LiveSeverity::Warning) == int(BlockOverlay::Severity::Warning)
                  && int(LiveSeverity::Ok) == int(BlockOverlay::Severity::Ok));
    o.severity = BlockOverlay::Severity(int(f.severity));
    return o;
}

bool isFailurePath(ConnectionKind k)
{
    return k == ConnectionKind::OnFailure || k == ConnectionKind::Redrive;
}

} // namespace

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
    QHash<ComponentId, LiveFigures> figures;
    for (const Component &c : design.components) {
        // Each service module words its own figures (sim/services/<svc>/, SimService::live).
        const BlockFrame f{catalog, frame, previous, seriesOf(c.id)};
        LiveFigures &figure = figures[c.id];
        simService(c.kind).live(f, LiveContext{c, design, deadLetterTargets.contains(c.id)},
                                &figure);
        state.blocks.insert(c.id, overlayOf(figure));
    }
    // Every block has its figures; a wire's ends are blocks of the design.
    const LiveFigures noFigures{};
    auto of = [&](ComponentId id) -> const LiveFigures & {
        const auto it = figures.constFind(id);
        return it == figures.cend() ? noFigures : *it;
    };
    auto health = [&](ComponentId id) {
        const LiveSeverity s = of(id).severity;
        return s == LiveSeverity::Error ? 2 : s == LiveSeverity::Warning ? 1 : 0;
    };
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
            f.perSecond = of(w.source).deadLettersPerSecond;
            f.health = f.perSecond > 0 ? 2 : 0;
        } else {
            f.perSecond = of(w.target).inPerSecond / qMax(1, inbound.value(w.target));
            f.health = health(w.target);
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
    store->pacer()->addView(this, [this] { refreshIfMoved(); });
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
