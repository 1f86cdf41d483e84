#pragma once

#include <QHash>
#include <QWidget>

class QGridLayout;
class QLabel;
class QScrollArea;
class QListWidget;
class QPushButton;
class QVBoxLayout;

namespace swb {

// The first thing a new user sees instead of an empty canvas: the bundled patterns as a gallery
// (a drawing of each, one line on when to use it, Create), the recent files, and Blank design /
// Open / Import SAM template. It only asks; the window does the work and then shows the canvas.
class StartPage : public QWidget
{
    Q_OBJECT

public:
    explicit StartPage(QWidget *parent = nullptr);

    // Re-reads the recent files (they change while the page is hidden).
    void refreshRecentFiles();

    // The Create button of a pattern's card (objectName "createPattern_<id>"), for tests.
    QPushButton *createButton(const QString &patternId) const;
    QListWidget *recentList() const { return m_recent; }

protected:
    void resizeEvent(QResizeEvent *event) override;

Q_SIGNALS:
    void patternChosen(const QString &patternId);
    void blankChosen();
    void openChosen();
    void recentChosen(const QString &path);
    void importSamChosen();

private:
    QWidget *makeCard(const QString &patternId);
    // As many cards a row as the width takes (a docked layout leaves the canvas narrow).
    void reflowCards();

    QScrollArea *m_scroll;
    QGridLayout *m_gallery;
    QList<QWidget *> m_cards;
    int m_columns = 0;

    QHash<QString, QPushButton *> m_create;
    QListWidget *m_recent;
    QLabel *m_noRecent;
};

} // namespace swb
