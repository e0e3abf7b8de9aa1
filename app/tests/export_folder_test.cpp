// Where the app's exports go (the XDG pictures folder by default) and how
// they are numbered (app/export_folder.hpp).
#include "../export_folder.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>

#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;
using lfv::app::default_export_folder;
using lfv::app::make_export_folder;
using lfv::app::parse_export_folder;
using lfv::app::pictures_dir_from_user_dirs;
using lfv::app::reserve_numbered;

namespace {

// A scratch folder, and HOME / XDG_CONFIG_HOME set for one test, put back after.
class ExportFolder : public ::testing::Test {
 protected:
  fs::path dir;
  std::optional<std::string> old_home, old_config;
  void SetUp() override {
    char tmpl[] = "/tmp/lfv-export-test-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir = tmpl;
    if (const char* h = std::getenv("HOME")) old_home = h;
    if (const char* c = std::getenv("XDG_CONFIG_HOME")) old_config = c;
  }
  void TearDown() override {
    restore("HOME", old_home);
    restore("XDG_CONFIG_HOME", old_config);
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  static void restore(const char* name, const std::optional<std::string>& v) {
    if (v) setenv(name, v->c_str(), 1);
    else unsetenv(name);
  }
  static void write(const fs::path& file, const std::string& text) {
    fs::create_directories(file.parent_path());
    std::ofstream(file) << text;
  }
};

}  // namespace

TEST(UserDirs, HomeIsExpanded) {
  EXPECT_EQ(pictures_dir_from_user_dirs("XDG_PICTURES_DIR=\"$HOME/Bilder\"\n", "/home/u"), fs::path("/home/u/Bilder"));
}

TEST(UserDirs, CommentsOtherFoldersAndTheLastLineCount) {
  const std::string text =
      "# This file is written by xdg-user-dirs-update\n"
      "XDG_DESKTOP_DIR=\"$HOME/Desktop\"\n"
      "#XDG_PICTURES_DIR=\"$HOME/Commented\"\n"
      "  XDG_PICTURES_DIR=\"/srv/pics\"\n"
      "XDG_PICTURES_DIR=\"/data/My \\\"Pics\\\"\"\n";
  EXPECT_EQ(pictures_dir_from_user_dirs(text, "/home/u"), fs::path("/data/My \"Pics\""));
}

TEST(UserDirs, NothingUsable) {
  EXPECT_EQ(pictures_dir_from_user_dirs("", "/home/u"), std::nullopt);
  EXPECT_EQ(pictures_dir_from_user_dirs("XDG_PICTURES_DIR=\"relative/pics\"\n", "/home/u"), std::nullopt);
  EXPECT_EQ(pictures_dir_from_user_dirs("XDG_PICTURES_DIR=\"$HOMEX/pics\"\n", "/home/u"), std::nullopt);
  // $HOME without a HOME to put there.
  EXPECT_EQ(pictures_dir_from_user_dirs("XDG_PICTURES_DIR=\"$HOME/Pictures\"\n", ""), std::nullopt);
  EXPECT_EQ(pictures_dir_from_user_dirs(std::string("\0\xff\n=\"", 5), "/home/u"), std::nullopt);
}

TEST_F(ExportFolder, DefaultIsTheXdgPicturesFolder) {
  setenv("HOME", (dir / "home").c_str(), 1);
  setenv("XDG_CONFIG_HOME", (dir / "config").c_str(), 1);
  write(dir / "config" / "user-dirs.dirs", "XDG_PICTURES_DIR=\"$HOME/Fotos\"\n");
  EXPECT_EQ(default_export_folder(), dir / "home" / "Fotos" / "lfvlab");
}

TEST_F(ExportFolder, DefaultReadsDotConfigWithoutXdgConfigHome) {
  setenv("HOME", (dir / "home").c_str(), 1);
  unsetenv("XDG_CONFIG_HOME");
  write(dir / "home" / ".config" / "user-dirs.dirs", "XDG_PICTURES_DIR=\"$HOME/Images\"\n");
  EXPECT_EQ(default_export_folder(), dir / "home" / "Images" / "lfvlab");
}

TEST_F(ExportFolder, DefaultFallsBackToHomePictures) {
  setenv("HOME", (dir / "home").c_str(), 1);
  setenv("XDG_CONFIG_HOME", (dir / "config").c_str(), 1);
  EXPECT_EQ(default_export_folder(), dir / "home" / "Pictures" / "lfvlab");
  // A FIFO where user-dirs.dirs would be is not read (it would block).
  fs::create_directories(dir / "config");
  ASSERT_EQ(mkfifo((dir / "config" / "user-dirs.dirs").c_str(), 0600), 0);
  EXPECT_EQ(default_export_folder(), dir / "home" / "Pictures" / "lfvlab");
}

TEST_F(ExportFolder, WithoutHomeTheCurrentFolder) {
  unsetenv("HOME");
  unsetenv("XDG_CONFIG_HOME");
  EXPECT_EQ(default_export_folder(), fs::current_path() / "lfvlab");
}

TEST_F(ExportFolder, ParseExportFolder) {
  setenv("HOME", "/home/u", 1);
  std::string why;
  EXPECT_EQ(parse_export_folder("/srv/slides/", &why), fs::path("/srv/slides/"));
  EXPECT_EQ(parse_export_folder("~/slides", &why), fs::path("/home/u/slides"));
  EXPECT_EQ(parse_export_folder("slides", &why), std::nullopt);
  EXPECT_NE(why.find("absolute"), std::string::npos);
  EXPECT_EQ(parse_export_folder("", &why), std::nullopt);
  EXPECT_EQ(parse_export_folder("/srv/a\nb", &why), std::nullopt);
  EXPECT_EQ(parse_export_folder(std::string(5000, '/'), &why), std::nullopt);
  unsetenv("HOME");
  EXPECT_EQ(parse_export_folder("~/slides", &why), std::nullopt);
}

TEST_F(ExportFolder, NumberedSoTheySortAndNeverOverwrite) {
  std::string why;
  const auto a = reserve_numbered(dir, "lfvlab-step-14", ".png", &why);
  const auto b = reserve_numbered(dir, "lfvlab-step-14", ".png", &why);
  ASSERT_TRUE(a && b) << why;
  EXPECT_EQ(*a, dir / "lfvlab-step-14-01.png");
  EXPECT_EQ(*b, dir / "lfvlab-step-14-02.png");
  EXPECT_TRUE(fs::exists(*a) && fs::exists(*b));
  // Another stem has its own numbers: step 1 is not step 14.
  EXPECT_EQ(reserve_numbered(dir, "lfvlab-step-1", ".png", &why), dir / "lfvlab-step-1-01.png");
  // After the highest there is, not into a gap: the names sort as made.
  write(dir / "lfvlab-step-14-07.png", "not ours");
  EXPECT_EQ(reserve_numbered(dir, "lfvlab-step-14", ".png", &why), dir / "lfvlab-step-14-08.png");
  std::ifstream kept(dir / "lfvlab-step-14-07.png");
  std::string text;
  std::getline(kept, text);
  EXPECT_EQ(text, "not ours");
  // A set of slides counts by its first number.
  write(dir / "lfvlab-slides-03-05.png", "");
  EXPECT_EQ(reserve_numbered(dir, "lfvlab-slides", "-00.png", &why), dir / "lfvlab-slides-04-00.png");
}

TEST_F(ExportFolder, MakeExportFolder) {
  EXPECT_EQ(make_export_folder(dir / "a" / "b"), std::nullopt);
  EXPECT_TRUE(fs::is_directory(dir / "a" / "b"));
  write(dir / "file", "x");
  const auto why = make_export_folder(dir / "file");
  ASSERT_TRUE(why);
  EXPECT_NE(why->find((dir / "file").string()), std::string::npos);
  EXPECT_TRUE(make_export_folder(dir / "file" / "sub"));
  std::string err;
  EXPECT_EQ(reserve_numbered(dir / "missing", "x", ".png", &err), std::nullopt);
  EXPECT_NE(err.find((dir / "missing").string()), std::string::npos);
}
