"""Windows version resource (Explorer's Properties > Details) built from the package metadata."""

from __future__ import annotations

from bundle_config import AppMetadata


def version_info(meta: AppMetadata, exe_name: str, description: str):  # noqa: ANN201 - VSVersionInfo
    from PyInstaller.utils.win32.versioninfo import (
        FixedFileInfo,
        StringFileInfo,
        StringStruct,
        StringTable,
        VarFileInfo,
        VarStruct,
        VSVersionInfo,
    )

    numbers = meta.version_tuple
    return VSVersionInfo(
        ffi=FixedFileInfo(filevers=numbers, prodvers=numbers, mask=0x3F, flags=0x0, OS=0x40004, fileType=0x1, subtype=0x0),
        kids=[
            StringFileInfo(
                [
                    StringTable(
                        "040904B0",
                        [
                            StringStruct("CompanyName", meta.name),
                            StringStruct("FileDescription", description),
                            StringStruct("FileVersion", meta.version),
                            StringStruct("InternalName", exe_name),
                            StringStruct("OriginalFilename", f"{exe_name}.exe"),
                            StringStruct("ProductName", meta.name),
                            StringStruct("ProductVersion", meta.version),
                        ],
                    )
                ]
            ),
            VarFileInfo([VarStruct("Translation", [1033, 1200])]),
        ],
    )
