#include "ui/recovery.h"

#include "model/document.h"
#include "ui/projectio.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTimer>
#include <QUuid>

#include <algorithm>

namespace swb {

namespace recovery {

namespace {

bool processAlive(qint64 pid)
{
    // Linux: a running process has /proc/<pid>. Our own pid counts as not alive: at start-up no
    // window of this process has written yet, and tests simulate a crash within one process.
    if (pid <= 0 || pid == QCoreApplication::applicationPid())
        return false;
    return QFileInfo::exists(QStringLiteral("/proc/%1").arg(pid));
}

} // namespace

QString directory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
           + QStringLiteral("/recovery");
}

QList<RecoveryEntry> entries()
{
    QList<RecoveryEntry> list;
    const QDir dir(directory());
    const QStringList sidecars = dir.entryList({QStringLiteral("*.json")}, QDir::Files);
    for (const QString &file : sidecars) {
        QFile sidecar(dir.filePath(file));
        if (!sidecar.open(QIODevice::ReadOnly))
            continue;
        const QJsonObject json = QJsonDocument::fromJson(sidecar.readAll()).object();
        RecoveryEntry entry;
        entry.id = QFileInfo(file).completeBaseName();
        entry.sidecarPath = sidecar.fileName();
        entry.copyPath = dir.filePath(entry.id + QStringLiteral(".swb"));
        entry.originalPath = json.value(QStringLiteral("originalPath")).toString();
        entry.name = json.value(QStringLiteral("name")).toString();
        entry.savedAt =
            QDateTime::fromString(json.value(QStringLiteral("savedAt")).toString(), Qt::ISODate);
        if (!QFileInfo::exists(entry.copyPath)
            || processAlive(json.value(QStringLiteral("pid")).toInteger()))
            continue;
        list.append(entry);
    }
    std::sort(list.begin(), list.end(),
              [](const RecoveryEntry &a, const RecoveryEntry &b) { return a.savedAt > b.savedAt; });
    return list;
}

bool write(const QString &id, const Design &design, const QString &originalPath, QString *error)
{
    const QDir dir(directory());
    if (!dir.mkpath(QStringLiteral("."))) {
        if (error)
            *error = QObject::tr("Cannot create the recovery folder %1").arg(dir.path());
        return false;
    }
    // The copy first, then the sidecar: a sidecar always points at a complete copy.
    // The recovery folder is the app's own: its files are replaced without asking.
    if (!projectio::writeProject(dir.filePath(id + QStringLiteral(".swb")), design, error, true))
        return false;
    QJsonObject json;
    json.insert(QStringLiteral("originalPath"), originalPath);
    json.insert(QStringLiteral("name"), design.name);
    json.insert(QStringLiteral("savedAt"),
                QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    json.insert(QStringLiteral("pid"), QCoreApplication::applicationPid());
    return writeFileAtomically(dir.filePath(id + QStringLiteral(".json")),
                               QJsonDocument(json).toJson(), OutputKind::Json, true, error);
}

void remove(const QString &id)
{
    const QDir dir(directory());
    QFile::remove(dir.filePath(id + QStringLiteral(".json")));
    QFile::remove(dir.filePath(id + QStringLiteral(".swb")));
}

} // namespace recovery

Autosaver::Autosaver(Document *document, QObject *parent)
    : QObject(parent)
    , m_document(document)
    , m_timer(new QTimer(this))
    , m_id(QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    m_timer->setInterval(kDefaultIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &Autosaver::autosaveNow);
    m_timer->start();
    auto bump = [this] { ++m_revision; };
    connect(document, &Document::componentAdded, this, bump);
    connect(document, &Document::componentRemoved, this, bump);
    connect(document, &Document::componentChanged, this, bump);
    connect(document, &Document::connectionAdded, this, bump);
    connect(document, &Document::connectionRemoved, this, bump);
    connect(document, &Document::connectionChanged, this, bump);
    connect(document, &Document::faultsChanged, this, bump);
    connect(document, &Document::projectChanged, this, bump);
    connect(document, &Document::designReset, this, bump);
    connect(document, &Document::filePathChanged, this, bump);
}

Autosaver::~Autosaver() = default; // a crash leaves the copy behind; only discard() removes it

void Autosaver::setInterval(int ms)
{
    m_timer->start(ms);
}

int Autosaver::interval() const
{
    return m_timer->interval();
}

void Autosaver::setRecoveryId(const QString &id)
{
    if (id == m_id)
        return;
    discard();
    m_id = id;
    m_hasCopy =
        QFileInfo::exists(QDir(recovery::directory()).filePath(id + QStringLiteral(".swb")));
    m_savedRevision = m_revision;
}

bool Autosaver::autosaveNow()
{
    if (!m_document->isModified()) {
        discard();
        return false;
    }
    if (m_hasCopy && m_savedRevision == m_revision)
        return false;
    QString error;
    if (!recovery::write(m_id, m_document->design(), m_document->filePath(), &error)) {
        Q_EMIT autosaveFailed(error);
        return false;
    }
    m_hasCopy = true;
    m_savedRevision = m_revision;
    Q_EMIT recoveryWritten(QDir(recovery::directory()).filePath(m_id + QStringLiteral(".swb")));
    return true;
}

void Autosaver::discard()
{
    if (!m_hasCopy)
        return;
    recovery::remove(m_id);
    m_hasCopy = false;
}

} // namespace swb
