#include "ui/guide/helpwindow.h"

#include <QAction>
#include <QListWidget>
#include <QSplitter>
#include <QTextBrowser>
#include <QToolBar>
#include <QVBoxLayout>

namespace swb {

namespace {

struct Topic {
    const char *page;
    const char *title;
};

// The guide's reading order; each page links to the next one.
constexpr Topic kTopics[] = {
    {"guide.html", "Contents"},
    {"building.html", "Building a design"},
    {"running.html", "Running a simulation"},
    {"charts.html", "Reading the charts"},
    {"cost.html", "Cost"},
    {"exporting.html", "Files and exporting"},
    {"commandline.html", "The command line"},
    {"patterns.html", "Choosing a pattern"},
    // The facts the code cites ("aws-behaviour.md §3"), kept as Markdown so the file in the
    // repository and the page the app shows are the same text; QTextBrowser renders it.
    {"aws-behaviour.md", "AWS behaviour reference"},
};

} // namespace

QUrl HelpWindow::homeUrl()
{
    return QUrl(QStringLiteral("qrc:/help/guide.html"));
}

QStringList HelpWindow::pages()
{
    QStringList list;
    for (const Topic &t : kTopics)
        list.append(QLatin1String(t.page));
    return list;
}

HelpWindow::HelpWindow(QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_browser(new QTextBrowser(this))
    , m_topics(new QListWidget(this))
{
    setObjectName(QStringLiteral("helpWindow"));
    setWindowTitle(tr("Serverless Workbench Guide"));
    m_browser->setObjectName(QStringLiteral("helpBrowser"));
    m_browser->setOpenLinks(true);
    m_browser->setOpenExternalLinks(false);
    m_browser->document()->setDocumentMargin(16);
    // One look for every page; the pages carry no styling of their own.
    m_browser->document()->setDefaultStyleSheet(
        QStringLiteral("h1 { font-size: x-large; } h2 { font-size: large; margin-top: 14px; }"
                       "code { background-color: #f1f3f5; } td { padding: 3px 10px 3px 0; }"));
    m_topics->setObjectName(QStringLiteral("helpTopics"));
    m_topics->setSpacing(2);
    for (const Topic &t : kTopics) {
        auto *item = new QListWidgetItem(tr(t.title), m_topics);
        item->setData(Qt::UserRole, QLatin1String(t.page));
    }
    connect(m_topics, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { showPage(item->data(Qt::UserRole).toString()); });
    connect(m_topics, &QListWidget::itemClicked, this,
            [this](QListWidgetItem *item) { showPage(item->data(Qt::UserRole).toString()); });
    connect(m_browser, &QTextBrowser::sourceChanged, this, &HelpWindow::syncTopic);

    auto *bar = new QToolBar(this);
    QAction *back = bar->addAction(tr("Back"), m_browser, &QTextBrowser::backward);
    back->setShortcut(QKeySequence::Back);
    QAction *forward = bar->addAction(tr("Forward"), m_browser, &QTextBrowser::forward);
    forward->setShortcut(QKeySequence::Forward);
    bar->addAction(tr("Contents"), m_browser, &QTextBrowser::home);
    connect(m_browser, &QTextBrowser::backwardAvailable, back, &QAction::setEnabled);
    connect(m_browser, &QTextBrowser::forwardAvailable, forward, &QAction::setEnabled);
    back->setEnabled(false);
    forward->setEnabled(false);

    auto *split = new QSplitter(this);
    split->addWidget(m_topics);
    split->addWidget(m_browser);
    split->setStretchFactor(1, 1);
    split->setSizes({190, 710});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(bar);
    layout->addWidget(split);
    m_browser->setSource(homeUrl());
    resize(900, 680);
}

void HelpWindow::showPage(const QString &page)
{
    m_browser->setSource(homeUrl().resolved(QUrl(page)));
}

void HelpWindow::syncTopic(const QUrl &url)
{
    const QString page = url.fileName();
    for (int i = 0; i < m_topics->count(); ++i) {
        if (m_topics->item(i)->data(Qt::UserRole).toString() == page) {
            const QSignalBlocker block(m_topics);
            m_topics->setCurrentRow(i);
        }
    }
}

} // namespace swb
