// MainWindow: the start page in the canvas's place (first start, File > New from Pattern >
// Start Page). The docks under the canvas (the charts) give it their height while it shows and
// come back as they were when it goes.
#include "ui/mainwindow.h"

#include "model/document.h"
#include "model/patterns.h"
#include "ui/canvas/diagramview.h"
#include "ui/fileactions.h"
#include "ui/startpage.h"

#include <QDockWidget>
#include <QPushButton>
#include <QStackedWidget>

namespace swb {

void MainWindow::createStartPage()
{
    m_central = new QStackedWidget(this);
    m_central->setObjectName(QStringLiteral("centralStack"));
    m_central->addWidget(m_view);
    setCentralWidget(m_central);

    // Built on first show: drawing the patterns' thumbnails costs a scene per pattern, which a
    // window opened on a file never needs.
    auto hideIfDesigned = [this] {
        if (isStartPageShown() && !m_document->design().components.isEmpty())
            hideStartPage();
    };
    connect(m_document, &Document::designReset, this, hideIfDesigned);
    connect(m_document, &Document::componentAdded, this, hideIfDesigned);
    connect(m_document, &Document::filePathChanged, this, [this](const QString &path) {
        if (!path.isEmpty() && isStartPageShown())
            hideStartPage();
    });
}

void MainWindow::showStartPage()
{
    if (!m_startPage) {
        m_startPage = new StartPage(m_central);
        m_central->addWidget(m_startPage);
        // Each choice goes through FileActions, which asks to save modified work first; the page
        // stays when the user cancels that question or a file fails to open.
        connect(m_startPage, &StartPage::patternChosen, this, [this](const QString &id) {
            if (m_files->newFromPattern(id))
                hideStartPage();
        });
        connect(m_startPage, &StartPage::blankChosen, this, [this] {
            // The page may have been opened over a design: that one is replaced (asking first).
            if (!m_document->design().components.isEmpty() || !m_document->filePath().isEmpty())
                m_files->newBlank();
            if (m_document->design().components.isEmpty() && m_document->filePath().isEmpty())
                hideStartPage();
        });
        connect(m_startPage, &StartPage::openChosen, this, [this] {
            if (m_files->open())
                hideStartPage();
        });
        connect(m_startPage, &StartPage::recentChosen, this, [this](const QString &path) {
            if (m_files->openRecent(path))
                hideStartPage();
            else
                m_startPage->refreshRecentFiles(); // a missing file left the list
        });
        connect(m_startPage, &StartPage::importSamChosen, this, [this] {
            if (m_files->importSamTemplate())
                hideStartPage();
        });
    }
    m_startPage->refreshRecentFiles();
    if (!isStartPageShown()) {
        // The charts show nothing before a run; under the page they halve its height.
        for (QDockWidget *dock : findChildren<QDockWidget *>(Qt::FindDirectChildrenOnly)) {
            if (dockWidgetArea(dock) == Qt::BottomDockWidgetArea && !dock->isFloating()
                && dock->isVisible()) {
                m_docksUnderStartPage.append(dock);
                dock->hide();
            }
        }
    }
    m_central->setCurrentWidget(m_startPage);
    if (QWidget *first = m_startPage->createButton(patternIds().value(0)))
        first->setFocus(Qt::OtherFocusReason);
}

bool MainWindow::isStartPageShown() const
{
    return m_startPage && m_central->currentWidget() == m_startPage;
}

void MainWindow::hideStartPage()
{
    restoreDocksUnderStartPage();
    m_central->setCurrentWidget(m_view);
    m_view->setFocus(Qt::OtherFocusReason);
}

void MainWindow::restoreDocksUnderStartPage()
{
    for (const QPointer<QDockWidget> &dock : std::as_const(m_docksUnderStartPage)) {
        if (dock)
            dock->show();
    }
    m_docksUnderStartPage.clear();
}

} // namespace swb
