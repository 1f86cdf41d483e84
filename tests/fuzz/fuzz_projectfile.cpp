// The project file reader on arbitrary SQLite images: the image is written to a file in memory
// (/dev/shm, a tmpfs) and read as a .swb, as a user's damaged or hostile project would be. A
// project that reads must also write and read back the same design.

#include "fuzzutil.h"

#include "model/projectfile.h"

#include <QDir>
#include <QFile>

using namespace swb;

SWB_FUZZ_INIT

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static const QString folder = [] {
        const QString dir = QDir(QStringLiteral("/dev/shm")).exists() ? QStringLiteral("/dev/shm")
                                                                      : QDir::tempPath();
        const QString path =
            dir + QStringLiteral("/swb-fuzz-%1").arg(QCoreApplication::applicationPid());
        QDir().mkpath(path);
        return path;
    }();
    const QString path = folder + QStringLiteral("/image.swb");
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return 0;
        file.write(fuzz::bytes(data, size));
    }
    QFile::remove(path + QStringLiteral("-journal"));
    ProjectFile format;
    Design design;
    if (format.read(path, &design)) {
        fuzz::requireRefusedIfExpected(true);
        fuzz::requireDesignInRange(design);
        const QString copy = folder + QStringLiteral("/copy.swb");
        ProjectFile writer;
        fuzz::require(writer.write(copy, design), "a project that reads also writes",
                      writer.errorString());
        Design back;
        fuzz::require(writer.read(copy, &back), "what the writer writes the reader reads",
                      writer.errorString());
        QFile::remove(copy);
    }
    return 0;
}
