#pragma once
// The pattern guide: the 2018 talk's decision questions and the expected load as form
// controls, and the bundled patterns ranked by model/patternadvisor.h with their reasons, updated
// live. Each recommendation has a Create button; the panel only asks (createRequested), the main
// window builds the sized pattern and inserts it as one undo step.

#include "model/patternadvisor.h"

#include <QHash>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFrame;
class QLabel;
class QPushButton;
class QVBoxLayout;

namespace swb {

class PatternGuidePanel : public QWidget
{
    Q_OBJECT

public:
    explicit PatternGuidePanel(QWidget *parent = nullptr);

    AdvisorAnswers answers() const;
    Workload workload() const;
    // The ranking shown, best first.
    QList<Recommendation> recommendations() const { return m_ranking; }
    // The card of one pattern ("guideCard_<id>") and its Create button ("guideCreate_<id>").
    QFrame *card(const QString &patternId) const { return m_cards.value(patternId).frame; }
    QPushButton *createButton(const QString &patternId) const
    {
        return m_cards.value(patternId).create;
    }
    // The outcome of the last Create, under the list ("guideMessage").
    void showOutcome(const QString &text, bool isError);

Q_SIGNALS:
    void createRequested(const QString &patternId, const swb::Workload &load);
    void axesRequested();

private:
    struct Card {
        QFrame *frame = nullptr;
        QLabel *title = nullptr;
        QLabel *reasons = nullptr;
        QPushButton *create = nullptr;
    };

    QWidget *buildQuestions();
    QWidget *buildLoad();
    void buildCards();
    void refresh();

    QComboBox *m_realTime = nullptr;
    QComboBox *m_caller = nullptr;
    QCheckBox *m_ordered = nullptr;
    QCheckBox *m_severalConsumers = nullptr;
    QComboBox *m_badDeploy = nullptr;
    QComboBox *m_downstream = nullptr;
    QCheckBox *m_protectDatabase = nullptr;
    QDoubleSpinBox *m_rate = nullptr;
    QDoubleSpinBox *m_payload = nullptr;
    QDoubleSpinBox *m_duration = nullptr;
    QLabel *m_sizing = nullptr;
    QVBoxLayout *m_cardLayout = nullptr;
    QLabel *m_message = nullptr;
    QHash<QString, Card> m_cards;
    QList<Recommendation> m_ranking;
};

} // namespace swb
