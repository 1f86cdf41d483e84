#pragma once
// After a run: what hurt and what to change (sim/advisor.h), in a dock. "Diagnose" (and the end
// of a playback run, while the panel is shown) simulates the design and verifies each proposed
// fix by re-simulation on a worker thread. A verified fix shows its before/after figures and an
// Apply button: one undo step. "Apply all" applies the fixes that compose.

#include "sim/advisor.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QVBoxLayout;

namespace swb {

class Design;

class AdvisorRunner;
class Document;
class PricingSource;

class AdvisorPanel : public QWidget
{
    Q_OBJECT

public:
    AdvisorPanel(Document *document, const PricingSource *pricing, QWidget *parent = nullptr);

    // Simulates the design and verifies fixes in the background (replaces any work under way).
    void diagnose();
    bool isBusy() const;
    const Advice &advice() const { return m_advice; }

    QPushButton *diagnoseButton() const { return m_diagnose; }
    QPushButton *applyAllButton() const { return m_applyAll; }
    // One card per diagnosis (a word-wrapped label) and per fix, in advice() order.
    const QList<QLabel *> &diagnosisCards() const { return m_diagnosisCards; }
    const QList<QLabel *> &fixCards() const { return m_fixCards; }
    // The Apply button of fix `index` (in advice().fixes), or nullptr when it is not offered.
    QPushButton *applyButton(int index) const;
    // The Compare button of fix `index`: only structural fixes (new or removed blocks and wires).
    QPushButton *compareButton(int index) const;
    QString statusText() const;

Q_SIGNALS:
    // A diagnosis was activated: select its blocks.
    void blocksActivated(const QList<qint64> &components, const QList<qint64> &connections);
    // A structural fix to try beside the design (Compare window): the design as the fix makes it.
    void compareRequested(const QString &title, const Design &changed);
    void finished();

private:
    void show(const Advice &advice);
    void apply(const Fix &fix);
    void markStale();
    void setStatus(const QString &text);
    void clearCards();
    QLabel *addCard(const QString &html);

    Document *m_document;
    const PricingSource *m_pricing;
    AdvisorRunner *m_runner;
    QLabel *m_status;
    QPushButton *m_diagnose;
    QVBoxLayout *m_cards; // headings and cards, in a scroll area
    QList<QWidget *> m_cardWidgets;
    QList<QLabel *> m_diagnosisCards;
    QList<QLabel *> m_fixCards;
    QPushButton *m_applyAll;
    QList<QPushButton *> m_applyButtons;
    QList<QPushButton *> m_compareButtons;
    Advice m_advice;
    bool m_applying = false;
};

} // namespace swb
