#pragma once
// Help > User Guide: the bundled guide (resources/help/*.html and the AWS behaviour reference
// aws-behaviour.md, compiled in as ":/help/...") in a QTextBrowser ("helpBrowser") with a topic list and Back / Forward.

#include <QUrl>
#include <QWidget>

class QListWidget;
class QTextBrowser;

namespace swb {

class HelpWindow : public QWidget
{
    Q_OBJECT

public:
    explicit HelpWindow(QWidget *parent = nullptr);

    QTextBrowser *browser() const { return m_browser; }
    QListWidget *topics() const { return m_topics; }
    // Shows a page ("running.html", "charts.html#latency"); relative to the guide's folder.
    void showPage(const QString &page);

    static QUrl homeUrl(); // qrc:/help/guide.html
    // Every page of the guide in reading order, as file names under ":/help/".
    static QStringList pages();

private:
    void syncTopic(const QUrl &url);

    QTextBrowser *m_browser;
    QListWidget *m_topics;
};

} // namespace swb
