package dev.xhsopenapi.upstream.sim;

import java.util.List;

/**
 * The words shared by every topic (cities, seasons, emoji, the openings and closings of a note's
 * text) and the parts generated nicknames are made of.
 */
final class Phrasebook {

  static final List<String> CITIES =
      List.of(
          "上海", "北京", "成都", "杭州", "重庆", "广州", "深圳", "西安", "长沙", "厦门", "大理", "青岛", "南京", "武汉", "苏州",
          "昆明", "三亚", "哈尔滨");

  static final List<String> ADJECTIVES =
      List.of("氛围感", "温柔", "绝美", "治愈", "清冷", "松弛", "复古", "极简", "奶油", "日系", "法式", "宝藏");

  static final List<String> SEASONS = List.of("春天", "夏天", "秋天", "冬天", "春日", "初夏", "秋冬", "早春");

  static final List<String> EMOJI =
      List.of("✨", "🔥", "💕", "🌸", "😭", "🥹", "👍", "🍂", "❤️", "🎉", "🤩", "☀️", "🌿", "💯");

  static final List<Integer> PRICES = List.of(29, 39, 59, 99, 129, 199, 299, 500, 1000);

  static final List<String> OPENINGS =
      List.of("姐妹们！", "记录一下～", "今天来交作业啦。", "终于更新了！", "分享一下最近的宝藏，", "被问了好多次，统一回复一下。", "");

  static final List<String> CLOSINGS =
      List.of("有问题评论区问我～", "喜欢的话点个赞吧❤️", "码住慢慢看！", "你们还想看什么？", "下期见👋", "");

  static final List<String> NICK_PREFIXES =
      List.of("", "", "是", "一只", "爱吃", "叫我", "住在海边的", "会飞的", "胖胖的", "不吃香菜的");

  static final List<String> NICK_CORES =
      List.of(
          "小桃子", "奶糖", "鱼丸", "团子", "芋圆", "橘子汽水", "小熊软糖", "柚子", "阿梨", "可乐", "栗子", "布丁", "小鲸鱼", "兔兔",
          "椰子", "豆包", "年糕", "麻薯");

  static final List<String> NICK_SUFFIXES =
      List.of("", "", "", "呀", "酱", "_", "吖", "本人", "🌙", "✨", "同学");

  static final List<String> NAMES =
      List.of(
          "阿梨", "小满", "七七", "木子", "安安", "糖糖", "Momo", "Cathy", "Linda", "小鹿", "阿柒", "Yuki", "周周",
          "一一");

  static final List<String> DIARIES =
      List.of("穿搭日记", "美食日记", "小厨房", "探店笔记", "生活碎片", "读书角", "旅行手帐", "减脂日记", "育儿日常", "数码桌面");

  private Phrasebook() {}

  /** A realistic nickname, one of several shapes ({@code 是小桃子呀}, {@code 七七在成都}…). */
  static String nickname(Dice dice) {
    return switch (dice.between(0, 5)) {
      case 0, 1 -> dice.pick(NICK_PREFIXES) + dice.pick(NICK_CORES) + dice.pick(NICK_SUFFIXES);
      case 2 -> dice.pick(NAMES) + "的" + dice.pick(DIARIES);
      case 3 -> dice.pick(NAMES) + "在" + dice.pick(CITIES);
      case 4 -> dice.pick(NAMES) + (dice.between(1, 12) * 100 + dice.between(1, 28));
      default -> dice.pick(NICK_CORES) + dice.pick(List.of("不加糖", "今天也很乖", "在发呆", "要早睡"));
    };
  }
}
