#include "ui/startpage.h"

#include "model/document.h"
#include "model/patterns.h"
#include "ui/canvas/diagramscene.h"
#include "ui/export/diagramexport.h"
#include "ui/fileactions.h"
#include "ui/recentfiles.h"

#include <QDir>
#include <QFileInfo>
#include <QFrame>
#include <QGridLayout>
#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QPixmap>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

#include <algorithm>

namespace swb {

namespace {

constexpr QSize kThumbnailSize(260, 150);
constexpr int kCardWidth = 284;
constexpr int kCardSpacing = 16;
constexpr int kPageMargin = 32;

// The pattern drawn as the canvas would show it after creation (laid out, without the title
// block and legend), fitted into the card.
QPixmap thumbnail(const QString &patternId, qreal dpr)
{
    QPixmap pixmap(kThumbnailSize * dpr);
    pixmap.setDevicePixelRatio(dpr);
    pixmap.fill(Qt::white);
    std::optional<Design> design = makePattern(patternId);
    if (!design)
        return pixmap;
    layoutIfUnplaced(&*design);
    Document document;
    document.replaceDesign(*design);
    DiagramScene scene(&document);
    DiagramExportOptions options;
    options.titleBlock = false;
    options.legend = false;
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    paintDiagram(painter, QRectF(QPointF(8, 8), QSizeF(kThumbnailSize) - QSizeF(16, 16)), scene,
                 options);
    return pixmap;
}

QLabel *heading(const QString &text, int pointDelta, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() + pointDelta);
    font.setBold(true);
    label->setFont(font);
    return label;
}

} // namespace

StartPage::StartPage(QWidget *parent)
    : QWidget(parent)
    , m_scroll(new QScrollArea(this))
    , m_gallery(new QGridLayout)
    , m_recent(new QListWidget)
    , m_noRecent(new QLabel(tr("No recent designs yet.")))
{
    setObjectName(QStringLiteral("startPage"));
    QScrollArea *scroll = m_scroll;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);

    auto *content = new QWidget;
    content->setMaximumWidth(2 * kPageMargin + 4 * kCardWidth + 3 * kCardSpacing);
    auto *page = new QVBoxLayout(content);
    page->setContentsMargins(kPageMargin, 24, kPageMargin, 24);
    page->setSpacing(12);
    page->addWidget(heading(tr("Start a design"), 6, content));
    auto *intro = new QLabel(tr("Each pattern is a complete, working design with a traffic "
                                "source, failure handling and numbers you can simulate at once. "
                                "Pick the one closest to your workload and adjust it."),
                             content);
    intro->setWordWrap(true);
    page->addWidget(intro);

    m_gallery->setSpacing(kCardSpacing);
    for (const QString &id : patternIds())
        m_cards.append(makeCard(id));
    page->addLayout(m_gallery);
    reflowCards();

    auto *actions = new QHBoxLayout;
    auto addButton = [&](const char *name, const QString &text, auto signal) {
        auto *button = new QPushButton(text, content);
        button->setObjectName(QLatin1String(name));
        connect(button, &QPushButton::clicked, this, signal);
        actions->addWidget(button);
        return button;
    };
    addButton("startBlank", tr("&Blank design"), &StartPage::blankChosen);
    addButton("startOpen", tr("&Open..."), &StartPage::openChosen);
    addButton("startImportSam", tr("&Import SAM template..."), &StartPage::importSamChosen);
    actions->addStretch();
    page->addSpacing(8);
    page->addLayout(actions);

    page->addSpacing(8);
    page->addWidget(heading(tr("Recent designs"), 2, content));
    m_recent->setObjectName(QStringLiteral("startRecent"));
    m_recent->setMaximumHeight(180);
    connect(m_recent, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        Q_EMIT recentChosen(item->data(Qt::UserRole).toString());
    });
    page->addWidget(m_recent);
    page->addWidget(m_noRecent);
    page->addStretch();

    // Centred when the window is wider than the content.
    auto *centring = new QWidget;
    auto *row = new QHBoxLayout(centring);
    row->addStretch();
    row->addWidget(content, 1);
    row->addStretch();
    scroll->setWidget(centring);
    refreshRecentFiles();
}

QWidget *StartPage::makeCard(const QString &patternId)
{
    auto *card = new QFrame;
    card->setObjectName(QStringLiteral("patternCard_") + patternId);
    card->setFixedWidth(kCardWidth);
    card->setFrameShape(QFrame::StyledPanel);
    card->setToolTip(patternDescription(patternId));
    auto *layout = new QVBoxLayout(card);
    auto *picture = new QLabel(card);
    picture->setPixmap(thumbnail(patternId, devicePixelRatioF()));
    picture->setAlignment(Qt::AlignCenter);
    picture->setFrameShape(QFrame::Box);
    layout->addWidget(picture);
    auto *title =
        new QLabel(QStringLiteral("<b>%1</b>").arg(patternTitle(patternId).toHtmlEscaped()), card);
    title->setWordWrap(true);
    layout->addWidget(title);
    auto *use = new QLabel(patternUseCase(patternId), card);
    use->setWordWrap(true);
    layout->addWidget(use, 1);
    auto *create = new QPushButton(tr("Create"), card);
    create->setObjectName(QStringLiteral("createPattern_") + patternId);
    create->setAccessibleName(tr("Create %1").arg(patternTitle(patternId)));
    create->setToolTip(patternDescription(patternId));
    connect(create, &QPushButton::clicked, this,
            [this, patternId] { Q_EMIT patternChosen(patternId); });
    layout->addWidget(create, 0, Qt::AlignRight);
    m_create.insert(patternId, create);
    return card;
}

void StartPage::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    reflowCards();
}

void StartPage::reflowCards()
{
    // The page's own width (the scroll area's viewport follows it only later in the layout),
    // less the margins and a vertical scroll bar.
    const int room = width() - 2 * kPageMargin + kCardSpacing - 24;
    const int columns = std::clamp(room / (kCardWidth + kCardSpacing), 1, 4);
    if (columns == m_columns)
        return;
    m_columns = columns;
    for (QWidget *card : std::as_const(m_cards))
        m_gallery->removeWidget(card);
    for (int i = 0; i < m_cards.size(); ++i)
        m_gallery->addWidget(m_cards.at(i), i / columns, i % columns, Qt::AlignTop);
}

void StartPage::refreshRecentFiles()
{
    m_recent->clear();
    for (const QString &path : RecentFiles::paths()) {
        const QFileInfo info(path);
        auto *item = new QListWidgetItem(
            QStringLiteral("%1  \u2014  %2")
                .arg(info.fileName(), QDir::toNativeSeparators(info.absolutePath())),
            m_recent);
        item->setData(Qt::UserRole, path);
        item->setToolTip(QDir::toNativeSeparators(path));
    }
    m_recent->setVisible(m_recent->count() > 0);
    m_noRecent->setVisible(m_recent->count() == 0);
}

QPushButton *StartPage::createButton(const QString &patternId) const
{
    return m_create.value(patternId);
}

} // namespace swb
