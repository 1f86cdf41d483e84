#include "ui/guide/aboutdialog.h"

#include "model/libraryversions.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QLabel>
#include <QVBoxLayout>

namespace swb {

QString AboutDialog::version()
{
    const QString v = QApplication::applicationVersion();
    return v.isEmpty() ? projectVersion() : v;
}

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
    , m_text(new QLabel(this))
{
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(tr("About Serverless Workbench"));

    QString rows;
    for (const LibraryInfo &lib : libraryVersions()) {
        rows += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td><td>%3</td><td>%4</td></tr>")
                    .arg(lib.name.toHtmlEscaped(), lib.version.toHtmlEscaped(),
                         lib.licence.toHtmlEscaped(), lib.use.toHtmlEscaped());
    }
    const QString cell = QStringLiteral("style=\"padding: 2px 14px 2px 0\"");
    rows.replace(QStringLiteral("<td>"), QStringLiteral("<td %1>").arg(cell));
    m_text->setObjectName(QStringLiteral("aboutText"));
    m_text->setTextFormat(Qt::RichText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setText(
        tr("<h2>Serverless Workbench %1</h2>"
           "<p>Design serverless architectures on AWS, price them and watch them run before "
           "anyone deploys them.</p>"
           "<p>Built with these libraries (version in use, licence):</p>"
           "<table>%2</table>"
           "<p>Qt is used under the GNU Lesser General Public License v3, dynamically linked; "
           "Help &gt; About Qt has its details. Prices come from the editable catalogue "
           "(pricing/us-east-1.json), AWS behaviour from AWS's documentation.</p>")
            .arg(version().toHtmlEscaped(), rows));
    m_text->setWordWrap(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_text);
    layout->addWidget(buttons);
    setMinimumWidth(560);
}

} // namespace swb
