# `make package` (cpack -G DEB): lfvlab as a Debian package, the runtime
# files only (the core's headers and static libraries are for developers:
# `cmake --install`). Dependencies come from dpkg-shlibdeps.
set(CPACK_PACKAGE_NAME lfvlab)
set(CPACK_PACKAGE_VENDOR "The lfvlab developers")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "lock-free vector lab: step threads through a real lock-free vector")
set(CPACK_PACKAGE_DESCRIPTION
    "lfvlab is a lecture tool for lock-free programming: it steps simulated threads one atomic operation at a time "
    "through a real lock-free vector in every variant (the book's, the 2006 paper's and a repaired design), draws "
    "descriptors, pending writes, hazard pointers and reclamation, and searches every interleaving of a small "
    "scenario for a counterexample.")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_GENERATOR DEB)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL runtime)
set(CPACK_COMPONENTS_GROUPING ALL_COMPONENTS_IN_ONE)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # lfvlab_VERSION_ARCH.deb
set(CPACK_DEBIAN_PACKAGE_NAME lfvlab)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "The lfvlab developers <lfvlab@localhost>")
set(CPACK_DEBIAN_PACKAGE_SECTION education)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "ffmpeg")  # the GIF and MP4 export
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "xvfb")      # `lfvlab shot` without a display
set(CPACK_STRIP_FILES ON)
include(CPack)
