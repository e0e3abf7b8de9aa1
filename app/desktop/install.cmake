# What `cmake --install` puts where (GNUInstallDirs), and the files a
# desktop wants: menu entry, icon theme, AppStream metainfo, man page,
# bash completion. Included from app/CMakeLists.txt.
set(LFV_APP_ID org.lfvlab.lfvlab)  # reverse-DNS id: desktop file, icon, metainfo
set(desktop ${CMAKE_CURRENT_SOURCE_DIR}/desktop)

install(TARGETS lfvlab RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT runtime)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/scenarios/ DESTINATION ${CMAKE_INSTALL_DATADIR}/lfvlab/scenarios
        COMPONENT runtime FILES_MATCHING PATTERN "*.toml")
# The fonts are compiled into the program; the files and their license
# travel with it so the license sits beside what it covers.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/assets/fonts/ DESTINATION ${CMAKE_INSTALL_DATADIR}/lfvlab/fonts
        COMPONENT runtime)
install(FILES ${PROJECT_SOURCE_DIR}/LICENSE ${PROJECT_SOURCE_DIR}/assets/fonts/LICENSE-DejaVu ${PROJECT_SOURCE_DIR}/README.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT runtime)

install(FILES ${desktop}/${LFV_APP_ID}.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications COMPONENT runtime)
configure_file(${desktop}/${LFV_APP_ID}.metainfo.xml.in ${CMAKE_CURRENT_BINARY_DIR}/${LFV_APP_ID}.metainfo.xml @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/${LFV_APP_ID}.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo
        COMPONENT runtime)
install(FILES ${desktop}/lfvlab.bash-completion DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME lfvlab COMPONENT runtime)

# The icon theme's files, drawn by app/gui/icon.cpp (the window's icon too).
add_executable(lfvlab-icon gui/icon_tool.cpp gui/icon.cpp)
target_link_libraries(lfvlab-icon PRIVATE lfv_stb)
set(icon_dir ${CMAKE_CURRENT_BINARY_DIR}/icons)
set(icon_sizes 16 32 48 64 128 256)
set(icon_files ${icon_dir}/lfvlab.svg)
foreach(size ${icon_sizes})
  list(APPEND icon_files ${icon_dir}/lfvlab-${size}.png)
endforeach()
add_custom_command(OUTPUT ${icon_files}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${icon_dir}
  COMMAND lfvlab-icon ${icon_dir}
  DEPENDS lfvlab-icon
  COMMENT "Drawing the icon")
add_custom_target(lfvlab_icons ALL DEPENDS ${icon_files})
set(hicolor ${CMAKE_INSTALL_DATADIR}/icons/hicolor)
install(FILES ${icon_dir}/lfvlab.svg DESTINATION ${hicolor}/scalable/apps RENAME ${LFV_APP_ID}.svg COMPONENT runtime)
foreach(size ${icon_sizes})
  install(FILES ${icon_dir}/lfvlab-${size}.png DESTINATION ${hicolor}/${size}x${size}/apps RENAME ${LFV_APP_ID}.png
          COMPONENT runtime)
endforeach()

# The man page, from the program's own --help (help2man, Debian's package).
find_program(HELP2MAN help2man)
if(HELP2MAN)
  set(man ${CMAKE_CURRENT_BINARY_DIR}/lfvlab.1)
  add_custom_command(OUTPUT ${man}
    COMMAND ${CMAKE_COMMAND} -DLFVLAB=$<TARGET_FILE:lfvlab> -DHELP2MAN=${HELP2MAN} -DOUT=${man}
            -DINCLUDE=${CMAKE_CURRENT_BINARY_DIR}/lfvlab-man.h2m -P ${desktop}/make-man.cmake
    DEPENDS lfvlab ${desktop}/make-man.cmake
    COMMENT "Writing the man page (help2man)")
  add_custom_target(lfvlab_man ALL DEPENDS ${man})
  install(FILES ${man} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT runtime)
else()
  message(STATUS "help2man not found: no man page (apt-get install help2man)")
endif()
