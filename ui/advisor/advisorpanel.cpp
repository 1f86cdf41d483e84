#include "ui/advisor/advisorpanel.h"

#include "ui/advisor/advisorrunner.h"
#include "ui/cost/money.h"
#include "ui/cost/pricingsource.h"

#include "model/document.h"
#include "model/humanformat.h"

#include "model/wording.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>

namespace swb {

namespace {

QString figures(const Headline &h)
{
    // No break inside a figure ("53.4/s"): U+2060 WORD JOINER before each slash.
    // Lost and dead-lettered apart: a dead-letter queue's fix sets failing units aside on purpose.
    return AdvisorPanel::tr("%1\u2060/s, p99 %2, %3 throttled, %4 lost, %5 dead-lettered, "
                            "%6\u2060/month")
        .arg(formatCount(h.throughputPerS), formatDuration(h.p99Ms / 1000.0),
             formatCount(h.throttles), formatCount(h.lost), formatCount(h.deadLetters),
             formatUsd(h.monthlyCostUsd));
}

// A fix that adds or removes blocks or wires, not only parameters.
bool isStructural(const Fix &f)
{
    return std::any_of(f.changes.cbegin(), f.changes.cend(),
                       [](const ParamChange &c) { return c.isStructural(); });
}

QString when(const Diagnosis &d)
{
    if (d.toSeconds <= d.fromSeconds)
        return AdvisorPanel::tr("whole run");
    return QStringLiteral("%1 to %2")
        .arg(formatDuration(d.fromSeconds), formatDuration(d.toSeconds));
}

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

} // namespace

AdvisorPanel::AdvisorPanel(Document *document, const PricingSource *pricing, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_pricing(pricing)
    , m_runner(new AdvisorRunner(this))
    , m_status(new QLabel(this))
    , m_diagnose(new QPushButton(tr("&Diagnose"), this))
    , m_cards(new QVBoxLayout)
    , m_applyAll(new QPushButton(tr("Apply &All Verified Fixes"), this))
{
    m_status->setWordWrap(true);
    m_diagnose->setToolTip(tr("Simulate the design, find what hurt and verify each proposed fix "
                              "by re-simulating it with the same seed"));
    m_applyAll->setEnabled(false);
    auto *top = new QHBoxLayout;
    top->addWidget(m_status, 1);
    top->addWidget(m_diagnose, 0, Qt::AlignTop);
    // Cards in a vertical scroll area: every text wraps to the dock's width, so a narrow dock
    // never cuts a figure or a rule.
    auto *content = new QWidget;
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->addLayout(m_cards);
    contentLayout->addStretch(1);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(scroll, 1);
    layout->addWidget(m_applyAll, 0, Qt::AlignRight);
    setStatus(tr("After a run, Diagnose finds what hurt and proposes fixes it has verified by "
                 "re-simulation."));

    connect(m_diagnose, &QPushButton::clicked, this, &AdvisorPanel::diagnose);
    connect(m_applyAll, &QPushButton::clicked, this, [this] { apply(m_advice.combined); });
    connect(m_runner, &AdvisorRunner::progressed, this, &AdvisorPanel::setStatus);
    connect(m_runner, &AdvisorRunner::finished, this, [this](const Advice &a) {
        show(a);
        Q_EMIT finished();
    });
    connect(m_runner, &AdvisorRunner::failed, this, [this](const QString &error) {
        setStatus(tr("The design cannot be diagnosed: %1").arg(error));
        m_diagnose->setEnabled(true);
        Q_EMIT finished();
    });
    // Advice is about the design it ran: any edit (or undo) makes it stale.
    connect(m_document->undoStack(), &QUndoStack::indexChanged, this, [this] {
        if (!m_applying)
            markStale();
    });
    connect(m_document, &Document::designReset, this, &AdvisorPanel::markStale);
}

void AdvisorPanel::diagnose()
{
    m_diagnose->setEnabled(false);
    m_applyAll->setEnabled(false);
    for (QPushButton *b : std::as_const(m_applyButtons))
        if (b)
            b->setEnabled(false);
    for (QPushButton *b : std::as_const(m_compareButtons))
        if (b)
            b->setEnabled(false);
    m_runner->start(m_document->design(), m_pricing->shared());
}

bool AdvisorPanel::isBusy() const
{
    return m_runner->isRunning();
}

QPushButton *AdvisorPanel::applyButton(int index) const
{
    return index >= 0 && index < m_applyButtons.size() ? m_applyButtons.at(index) : nullptr;
}

QPushButton *AdvisorPanel::compareButton(int index) const
{
    return index >= 0 && index < m_compareButtons.size() ? m_compareButtons.at(index) : nullptr;
}

QString AdvisorPanel::statusText() const
{
    return m_status->text();
}

void AdvisorPanel::setStatus(const QString &text)
{
    m_status->setText(text);
}

void AdvisorPanel::clearCards()
{
    qDeleteAll(m_cardWidgets);
    m_cardWidgets.clear();
    m_diagnosisCards.clear();
    m_fixCards.clear();
    m_applyButtons.clear();
    m_compareButtons.clear();
}

QLabel *AdvisorPanel::addCard(const QString &html)
{
    auto *card = new QLabel(html);
    card->setWordWrap(true);
    // Wraps to the viewport: a label's natural width must not widen the scroll area's content.
    card->setMinimumWidth(1);
    card->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    card->setTextFormat(Qt::RichText);
    card->setFrameShape(QFrame::StyledPanel);
    card->setMargin(6);
    card->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::TextSelectableByMouse);
    m_cards->addWidget(card);
    m_cardWidgets.append(card);
    return card;
}

void AdvisorPanel::show(const Advice &advice)
{
    m_advice = advice;
    m_diagnose->setEnabled(true);
    clearCards();
    int verified = 0;
    for (const Fix &f : advice.fixes)
        verified += f.verified ? 1 : 0;
    setStatus(advice.diagnoses.isEmpty()
                  ? tr("Nothing hurt in this run: %1.").arg(figures(advice.before))
                  : tr("%1, %2 verified. Before: %3.")
                        .arg(counted(advice.diagnoses.size(), tr("diagnosis"), tr("diagnoses")),
                             counted(verified, tr("fix"), tr("fixes")), figures(advice.before)));
    auto heading = [this](const QString &text) {
        auto *label = new QLabel(QStringLiteral("<b>%1</b>").arg(esc(text)));
        label->setWordWrap(true);
        m_cards->addWidget(label);
        m_cardWidgets.append(label);
    };
    if (!advice.diagnoses.isEmpty())
        heading(tr("What hurt"));
    for (qsizetype i = 0; i < advice.diagnoses.size(); ++i) {
        const Diagnosis &d = advice.diagnoses.at(i);
        QLabel *card = addCard(QStringLiteral("<b>%1</b> &middot; %2<br>%3<br><small>%4</small><br>"
                                              "<a href=\"show\">%5</a>")
                                   .arg(esc(d.title), esc(when(d)), esc(d.figure), esc(d.awsRule),
                                        tr("Show on the canvas")));
        connect(card, &QLabel::linkActivated, this, [this, i] {
            QList<qint64> ids;
            for (const QString &name : m_advice.diagnoses.at(i).blocks)
                if (const Component *c = m_document->design().componentByName(name))
                    ids.append(c->id);
            Q_EMIT blocksActivated(ids, {});
        });
        m_diagnosisCards.append(card);
    }
    if (!advice.fixes.isEmpty())
        heading(tr("Fixes, each re-simulated with the same seed before it is offered"));
    for (const Fix &f : advice.fixes) {
        QStringList changes;
        for (const ParamChange &c : f.changes)
            changes.append(esc(c.text()));
        QString html = QStringLiteral("<b>%1</b><br>%2<br><small>%3</small>")
                           .arg(esc(f.title), changes.join(QStringLiteral("<br>")), esc(f.sizing));
        if (f.verified)
            html +=
                QStringLiteral("<br>%1: %2<br>%3: %4")
                    .arg(tr("Before"), esc(figures(f.before)), tr("After"), esc(figures(f.after)));
        html += QStringLiteral("<br><i>%1</i>").arg(esc(f.verdict));
        m_fixCards.append(addCard(html));
        QPushButton *button = nullptr;
        QPushButton *compare = nullptr;
        if (f.verified) {
            auto *row = new QWidget;
            auto *layout = new QHBoxLayout(row);
            layout->setContentsMargins(0, 0, 0, 0);
            layout->addStretch(1);
            const Fix fix = f;
            if (isStructural(f)) {
                // A change of pattern is worth seeing beside the design before it is applied.
                compare = new QPushButton(tr("Compare..."));
                compare->setToolTip(tr("Open the Compare window with the design as it is and as "
                                       "this fix makes it"));
                connect(compare, &QPushButton::clicked, this, [this, fix] {
                    Design changed = m_document->design();
                    const QString error = applyChanges(&changed, fix.changes);
                    if (!error.isEmpty()) {
                        setStatus(tr("The fix could not be applied: %1").arg(error));
                        return;
                    }
                    Q_EMIT compareRequested(fix.title, changed);
                });
                layout->addWidget(compare);
            }
            button = new QPushButton(tr("Apply"));
            button->setToolTip(tr("%1 (one undo step)").arg(f.title));
            connect(button, &QPushButton::clicked, this, [this, fix] { apply(fix); });
            layout->addWidget(button);
            m_cards->addWidget(row);
            m_cardWidgets.append(row);
        }
        m_applyButtons.append(button);
        m_compareButtons.append(compare);
    }
    m_applyAll->setEnabled(advice.combined.verified);
    m_applyAll->setToolTip(advice.combined.verdict);
}

void AdvisorPanel::apply(const Fix &fix)
{
    if (!fix.verified || fix.changes.isEmpty())
        return;
    m_applying = true;
    QUndoStack *stack = m_document->undoStack();
    stack->beginMacro(tr("Apply fix: %1").arg(fix.title));
    const QString error = applyChanges(m_document, fix.changes);
    stack->endMacro();
    m_applying = false;
    if (!error.isEmpty()) {
        stack->undo(); // nothing half-applied
        setStatus(tr("The fix could not be applied: %1").arg(error));
        return;
    }
    markStale();
    setStatus(tr("Applied: %1. Diagnose again to see the design as it is now (Ctrl+Z undoes "
                 "the fix).")
                  .arg(fix.title));
}

void AdvisorPanel::markStale()
{
    if (m_advice.diagnoses.isEmpty() && m_advice.fixes.isEmpty())
        return;
    for (QPushButton *b : std::as_const(m_applyButtons))
        if (b)
            b->setEnabled(false);
    for (QPushButton *b : std::as_const(m_compareButtons))
        if (b)
            b->setEnabled(false);
    m_applyAll->setEnabled(false);
    setStatus(tr("The design changed since this advice: Diagnose again."));
}

} // namespace swb
