#include "ui/guide/patternguidepanel.h"

#include "model/parametercatalogue.h"
#include "model/patterns.h"
#include "model/wording.h"
#include "ui/wheelguard.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QFrame>
#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace swb {

namespace {

template<typename Enum>
QComboBox *choiceBox(const QString &name, QWidget *parent,
                     const QList<QPair<Enum, QString>> &choices, Enum initial)
{
    auto *box = new QComboBox(parent);
    box->setObjectName(name);
    for (const auto &[value, text] : choices)
        box->addItem(text, int(value));
    box->setCurrentIndex(box->findData(int(initial)));
    // The answers are long; let the dock stay narrow.
    box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    box->setMinimumContentsLength(18);
    guardWheel(box); // scrolling the panel must not change an answer
    return box;
}

template<typename Enum>
Enum choiceOf(const QComboBox *box)
{
    return static_cast<Enum>(box->currentData().toInt());
}

// A load field whose range is the catalogue's for the knob it becomes, so a value the panel
// accepts is one the sized pattern accepts too.
QDoubleSpinBox *loadBox(const QString &name, const ParamSpec *spec, double value, int decimals,
                        QWidget *parent)
{
    auto *box = new QDoubleSpinBox(parent);
    box->setObjectName(name);
    box->setDecimals(decimals);
    const double step = std::pow(10.0, -decimals);
    box->setRange(spec ? std::max(spec->minimum, step) : step, spec ? spec->maximum : 1e6);
    box->setValue(value);
    box->setSuffix(spec ? QLatin1Char(' ') + spec->unit : QString());
    box->setToolTip(spec ? spec->help + QStringLiteral("\nAllowed: ") + spec->rangeText()
                         : QString());
    box->setKeyboardTracking(false); // rank once per edited value, not per keystroke
    guardWheel(box);
    return box;
}

QLabel *questionLabel(const QString &text, QWidget *buddy)
{
    auto *label = new QLabel(text);
    label->setWordWrap(true);
    label->setBuddy(buddy);
    return label;
}

} // namespace

PatternGuidePanel::PatternGuidePanel(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("patternGuidePanel"));
    auto *content = new QWidget;
    auto *column = new QVBoxLayout(content);
    auto *intro = new QLabel(tr("Answer the decision questions of the talk \"Serverless Streams, "
                                "Topics, Queues & APIs\" and state your load. The patterns below "
                                "re-rank as you answer; Create adds one sized for the load."));
    intro->setWordWrap(true);
    column->addWidget(intro);
    column->addWidget(buildQuestions());
    column->addStretch(1);

    // Questions on top, the load and the ranking below, each part scrolling on its own: the
    // ranking stays in view while the answers change it, and the load (which sizes what Create
    // adds) sits right above it, so it shows however short the docked panel is.
    auto *ranked = new QWidget;
    auto *rankedColumn = new QVBoxLayout(ranked);
    rankedColumn->addWidget(buildLoad());
    auto *heading = new QLabel(tr("<b>Recommended patterns</b>, best first"));
    rankedColumn->addWidget(heading);
    m_cardLayout = new QVBoxLayout;
    rankedColumn->addLayout(m_cardLayout);
    buildCards();
    m_message = new QLabel;
    m_message->setObjectName(QStringLiteral("guideMessage"));
    m_message->setWordWrap(true);
    m_message->hide();
    rankedColumn->addWidget(m_message);
    auto *axes = new QPushButton(tr("Compare the channels on six axes..."));
    axes->setObjectName(QStringLiteral("guideAxesButton"));
    connect(axes, &QPushButton::clicked, this, &PatternGuidePanel::axesRequested);
    rankedColumn->addWidget(axes);
    rankedColumn->addStretch(1);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->setChildrenCollapsible(false);
    for (QWidget *part : {content, ranked}) {
        auto *scroll = new QScrollArea;
        scroll->setWidget(part);
        scroll->setWidgetResizable(true);
        scroll->setFrameShape(QFrame::NoFrame);
        scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        split->addWidget(scroll);
    }
    split->setSizes({560, 440});
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(split);
    refresh();
}

QWidget *PatternGuidePanel::buildQuestions()
{
    const AdvisorAnswers initial;
    auto *group = new QGroupBox(tr("Decision questions"));
    auto *questions = new QVBoxLayout(group);
    m_realTime = choiceBox<RealTimeNeed>(
        QStringLiteral("guideRealTime"), group,
        {{RealTimeNeed::Milliseconds, tr("Milliseconds: someone is waiting")},
         {RealTimeNeed::Seconds, tr("Seconds are fine")},
         {RealTimeNeed::Minutes, tr("Minutes are fine")}},
        initial.realTime);
    m_caller =
        choiceBox<CallerNeed>(QStringLiteral("guideCaller"), group,
                              {{CallerNeed::NeedsAnswer, tr("It needs the answer now")},
                               {CallerNeed::PollLater, tr("It can poll for the result later")},
                               {CallerNeed::FireAndForget, tr("Fire and forget")}},
                              initial.caller);
    m_ordered = new QCheckBox(tr("Yes, process in order"), group);
    m_ordered->setObjectName(QStringLiteral("guideOrdered"));
    m_ordered->setChecked(initial.ordered);
    m_severalConsumers = new QCheckBox(tr("Yes, several services read it"), group);
    m_severalConsumers->setObjectName(QStringLiteral("guideSeveralConsumers"));
    m_severalConsumers->setChecked(initial.severalConsumers);
    m_badDeploy = choiceBox<BadDeploySurvival>(
        QStringLiteral("guideBadDeploy"), group,
        {{BadDeploySurvival::Nothing, tr("Nothing: the caller sees the error")},
         {BadDeploySurvival::Messages, tr("The messages: retry them after the fix")},
         {BadDeploySurvival::Replay, tr("Everything: replay since the deploy")}},
        initial.badDeploy);
    m_downstream = choiceBox<DownstreamFailure>(
        QStringLiteral("guideDownstream"), group,
        {{DownstreamFailure::FailCaller, tr("Fail the caller")},
         {DownstreamFailure::RetryLater, tr("Retry later, park what keeps failing")},
         {DownstreamFailure::CompensateSteps, tr("Retry each step, undo the done ones")}},
        initial.downstream);
    m_protectDatabase = new QCheckBox(tr("Yes, cap what reaches it"), group);
    m_protectDatabase->setObjectName(QStringLiteral("guideProtectDatabase"));
    m_protectDatabase->setChecked(initial.protectDatabase);

    const QList<QPair<QString, QWidget *>> rows = {
        {tr("How real-time is \"real time\"?"), m_realTime},
        {tr("How synchronous must the call be?"), m_caller},
        {tr("Does order matter?"), m_ordered},
        {tr("Do several services consume the same data?"), m_severalConsumers},
        {tr("What must survive a bad deploy?"), m_badDeploy},
        {tr("What happens when a downstream fails?"), m_downstream},
        {tr("Can the load overwhelm a database or API?"), m_protectDatabase},
    };
    for (const auto &[question, field] : rows) {
        questions->addWidget(questionLabel(question, field));
        questions->addWidget(field);
        questions->addSpacing(4);
    }
    for (QComboBox *box : {m_realTime, m_caller, m_badDeploy, m_downstream})
        connect(box, &QComboBox::currentIndexChanged, this, &PatternGuidePanel::refresh);
    for (QCheckBox *box : {m_ordered, m_severalConsumers, m_protectDatabase})
        connect(box, &QCheckBox::toggled, this, &PatternGuidePanel::refresh);
    return group;
}

QWidget *PatternGuidePanel::buildLoad()
{
    const Workload initial;
    auto *group = new QGroupBox(tr("Expected load"));
    auto *form = new QFormLayout(group);
    m_rate =
        loadBox(QStringLiteral("guideRate"),
                catalogue::findComponentParam(ComponentKind::TrafficSource, QStringLiteral("rate")),
                initial.rate, 1, group);
    m_payload = loadBox(
        QStringLiteral("guidePayload"),
        catalogue::findComponentParam(ComponentKind::TrafficSource, QStringLiteral("payloadSize")),
        initial.payloadKb, 3, group);
    m_duration =
        loadBox(QStringLiteral("guideDuration"),
                catalogue::findComponentParam(ComponentKind::Lambda, QStringLiteral("duration")),
                initial.durationMs, 0, group);
    form->addRow(questionLabel(tr("Rate"), m_rate), m_rate);
    form->addRow(questionLabel(tr("Payload"), m_payload), m_payload);
    form->addRow(questionLabel(tr("Function time"), m_duration), m_duration);
    m_sizing = new QLabel(group);
    m_sizing->setObjectName(QStringLiteral("guideSizing"));
    m_sizing->setWordWrap(true);
    form->addRow(m_sizing);
    for (QDoubleSpinBox *box : {m_rate, m_payload, m_duration})
        connect(box, &QDoubleSpinBox::valueChanged, this, &PatternGuidePanel::refresh);
    return group;
}

void PatternGuidePanel::buildCards()
{
    for (const QString &id : patternIds()) {
        Card card;
        card.frame = new QFrame;
        card.frame->setObjectName(QStringLiteral("guideCard_") + id);
        card.frame->setFrameShape(QFrame::StyledPanel);
        auto *layout = new QVBoxLayout(card.frame);
        card.title = new QLabel;
        card.title->setWordWrap(true);
        card.title->setToolTip(patternDescription(id));
        card.reasons = new QLabel;
        card.reasons->setWordWrap(true);
        card.reasons->setTextFormat(Qt::PlainText);
        card.create = new QPushButton(tr("Create"));
        card.create->setObjectName(QStringLiteral("guideCreate_") + id);
        card.create->setToolTip(tr("Add this pattern to the canvas, sized for the load above "
                                   "(one undo step)"));
        connect(card.create, &QPushButton::clicked, this,
                [this, id] { Q_EMIT createRequested(id, workload()); });
        layout->addWidget(card.title);
        layout->addWidget(card.reasons);
        layout->addWidget(card.create, 0, Qt::AlignRight);
        m_cards.insert(id, card);
    }
}

AdvisorAnswers PatternGuidePanel::answers() const
{
    AdvisorAnswers a;
    a.realTime = choiceOf<RealTimeNeed>(m_realTime);
    a.caller = choiceOf<CallerNeed>(m_caller);
    a.ordered = m_ordered->isChecked();
    a.severalConsumers = m_severalConsumers->isChecked();
    a.badDeploy = choiceOf<BadDeploySurvival>(m_badDeploy);
    a.downstream = choiceOf<DownstreamFailure>(m_downstream);
    a.protectDatabase = m_protectDatabase->isChecked();
    return a;
}

Workload PatternGuidePanel::workload() const
{
    Workload load;
    load.rate = m_rate->value();
    load.payloadKb = m_payload->value();
    load.durationMs = m_duration->value();
    return load;
}

void PatternGuidePanel::refresh()
{
    const Workload load = workload();
    m_ranking = recommendPatterns(answers(), load);
    m_sizing->setText(tr("Needs about %1 concurrent Lambda executions (rate x time, +%3% "
                         "headroom), or %2.")
                          .arg(concurrencyFor(load))
                          .arg(counted(kinesisShardsFor(load), tr("Kinesis shard")))
                          .arg(qRound((load.headroom - 1) * 100)));
    // Re-insert the cards in rank order: the widgets (and a focused button) survive.
    for (int rank = 0; rank < m_ranking.size(); ++rank) {
        const Recommendation &r = m_ranking.at(rank);
        const Card card = m_cards.value(r.patternId);
        if (!card.frame)
            continue;
        m_cardLayout->removeWidget(card.frame);
        m_cardLayout->insertWidget(rank, card.frame);
        card.title->setText(rank == 0 ? tr("<b>1. %1</b> &mdash; best fit").arg(r.title)
                                      : tr("<b>%1. %2</b>").arg(rank + 1).arg(r.title));
        // Plain text wraps reliably at any dock width (a rich-text list can be cut short).
        QStringList bullets;
        for (const QString &reason : r.reasons)
            bullets.append(QStringLiteral("\u2022 ") + reason);
        card.reasons->setText(bullets.join(QLatin1Char('\n')));
    }
}

void PatternGuidePanel::showOutcome(const QString &text, bool isError)
{
    m_message->setText(text);
    m_message->setStyleSheet(isError ? QStringLiteral("color: #b00020;") : QString());
    m_message->show();
}

} // namespace swb
