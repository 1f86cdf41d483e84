#pragma once

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>

class QTimer;

namespace swb {

class Design;
class Document;

// A recovery copy left by autosave: the design (a .swb project file) plus a JSON sidecar with
// where it came from. Both live in QStandardPaths::AppDataLocation/recovery.
struct RecoveryEntry {
    QString id;           // file stem shared by the copy and the sidecar
    QString copyPath;     // <id>.swb
    QString sidecarPath;  // <id>.json
    QString originalPath; // the file the user was editing; empty for an unsaved design
    QString name;         // design name at the time of the copy
    QDateTime savedAt;
};

namespace recovery {

QString directory();
// Every readable entry, newest first. Entries still being written by another running instance
// (its process is alive) are left out, so two windows never fight over one copy.
QList<RecoveryEntry> entries();
// Writes the copy (through the project format) and then the sidecar; false + error on failure.
bool write(const QString &id, const Design &design, const QString &originalPath,
           QString *error = nullptr);
void remove(const QString &id);

} // namespace recovery

// Every interval (60 s by default) writes a recovery copy of a modified document; removes it when
// the document is clean again (saved or undone to the saved state). The owner removes it on a
// clean close (discard()).
class Autosaver : public QObject {
    Q_OBJECT

public:
    static constexpr int kDefaultIntervalMs = 60 * 1000;

    explicit Autosaver(Document *document, QObject *parent = nullptr);
    ~Autosaver() override;

    void setInterval(int ms);
    int interval() const;
    // The recovery id this window writes under; a recovered window adopts the id of the copy it
    // opened, so its next autosave replaces that copy instead of adding a second one.
    QString recoveryId() const { return m_id; }
    void setRecoveryId(const QString &id);

    // Writes now if the document changed since the last copy; removes the copy if it is clean.
    bool autosaveNow();
    void discard();

Q_SIGNALS:
    void recoveryWritten(const QString &copyPath);
    void autosaveFailed(const QString &error);

private:
    Document *m_document;
    QTimer *m_timer;
    QString m_id;
    quint64 m_revision = 0;      // bumped on every document change
    quint64 m_savedRevision = 0; // revision of the last copy written
    bool m_hasCopy = false;
};

} // namespace swb
