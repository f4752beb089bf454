package dev.xhsopenapi.upstream.sim;

import java.util.List;

/**
 * What a generated note is about, with the words its title and text are made of. Titles are
 * templates whose {@code {slots}} {@link NoteComposer} fills; some carry ASCII commas and double
 * quotes on purpose, because real titles do and CSV exports must cope.
 */
// Every list below is made by List.of and so is immutable; the checker only trusts Guava's types.
@SuppressWarnings("ImmutableEnumChecker")
enum Topic {
  FASHION(
      List.of("穿搭", "OOTD", "日常穿搭", "小个子穿搭", "通勤穿搭"),
      List.of("阔腿裤", "针织开衫", "小白鞋", "牛仔外套", "法式衬衫", "半身裙", "羊毛大衣", "卫衣", "马面裙", "冲锋衣"),
      List.of(
          "{season}{item}这样穿也太好看了吧{emoji}",
          "小个子{item}穿搭｜显高{n}cm的秘密",
          "{price}元的{item},穿出大牌感",
          "一周通勤穿搭不重样{emoji}",
          "被问爆的\"{item}\",链接在这",
          "梨形身材救星!{item}闭眼入",
          "{city}街拍｜{adj}又松弛的{season}穿搭",
          "别再乱买{item}了，看完这篇再下单"),
      List.of("身高160，体重50kg，穿S码刚好。", "面料摸起来很舒服，洗了几次也不起球。", "配色很温柔，黑白灰也能穿出高级感。")),
  FOOD(
      List.of("美食", "家常菜", "减脂餐", "快手早餐", "一人食"),
      List.of("番茄牛腩", "可乐鸡翅", "葱油拌面", "蛋包饭", "酸汤肥牛", "糖醋排骨", "芒果班戟", "巴斯克蛋糕", "土豆炖鸡", "酸辣粉"),
      List.of(
          "{n}分钟搞定{item},好吃到舔盘{emoji}",
          "零失败{item}｜新手也能做",
          "一人食｜{adj}的{item}",
          "空气炸锅版{item}，比外卖还香",
          "减脂期也能吃的{item}!低卡又饱腹",
          "\"{item}\"的正确做法,收藏了",
          "妈妈说我做的{item}比饭店还好吃",
          "{season}就该吃这口{item}"),
      List.of("调料：生抽2勺，老抽半勺，糖1勺。", "火候一定要小，慢慢炖出香味。", "孩子一口气吃了两碗饭。")),
  EXPLORE(
      List.of("探店", "城市探店", "咖啡探店", "宝藏小店", "周末去哪儿"),
      List.of("咖啡馆", "私房菜", "日料店", "火锅店", "面包店", "小酒馆", "茶餐厅", "甜品店", "书店", "早午餐"),
      List.of(
          "{city}｜藏在巷子里的{adj}{item}",
          "人均{price}!{city}这家{item}我愿称之为天花板",
          "排队{n}小时的{item},值不值?",
          "{city}探店｜本地人才知道的{item}{emoji}",
          "又一家\"宝藏{item}\",被我挖到了",
          "{city}{item}合集，周末不知道去哪的看过来",
          "踩雷预警⚠️{city}这家{item}别去了"),
      List.of("环境很安静，适合一个人待一下午。", "店员小姐姐超级nice。", "工作日去不用排队，周末要等一会儿。")),
  TRAVEL(
      List.of("旅行攻略", "旅行", "自由行", "小众旅行地", "周末去哪儿"),
      List.of("古镇", "海岛", "雪山", "草原", "寺庙", "夜市", "徒步路线", "民宿", "博物馆", "温泉"),
      List.of(
          "{city}{days}攻略｜超详细路线{emoji}",
          "去{city}千万别踩这些坑!",
          "{city}旅行｜人均{price}玩到爽",
          "{season}的{city}美得不像话{emoji}",
          "一个人去{city}，全程攻略都在这了",
          "{city}小众{item},人少景美",
          "特种兵式旅行:{city}{days}，每天两万步",
          "收藏!{city}\"吃住行\"全攻略"),
      List.of("建议提前一周订酒店，周末价格会翻倍。", "地铁能到大部分景点，很方便。", "记得带好防晒，紫外线很强。")),
  SKINCARE(
      List.of("护肤", "护肤心得", "敏感肌", "油皮", "成分党"),
      List.of("防晒霜", "精华液", "面霜", "洁面", "面膜", "卸妆油", "水乳", "眼霜", "身体乳", "粉底液"),
      List.of(
          "{season}护肤｜油皮亲妈{item}{emoji}",
          "用空{n}瓶的{item},真心推荐",
          "敏感肌也能用的{item}，温和不刺激",
          "{price}元以内的平价{item},学生党冲",
          "被问爆的\"神仙{item}\",真的有那么好用?",
          "空瓶记｜这{n}个{item}我会无限回购",
          "{item}到底怎么选?看完这篇不踩雷"),
      List.of("质地很清爽，上脸不搓泥。", "坚持用了一个月，闭口少了很多。", "敏感肌亲测，没有刺痛感。")),
  HOME(
      List.of("家居", "出租屋改造", "收纳", "好物分享", "装修"),
      List.of("收纳盒", "落地灯", "地毯", "沙发", "窗帘", "置物架", "香薰", "餐边柜", "床品四件套", "洞洞板"),
      List.of(
          "出租屋改造｜{price}元get{adj}小窝{emoji}",
          "{n}平米小家的收纳秘诀",
          "提升幸福感的{item},真的后悔没早买",
          "{adj}风{item}分享，氛围感拉满",
          "装修{n}年后,这些钱真的不该省",
          "家里的\"{item}\",被朋友追着要链接",
          "{city}老破小改造,住进来就不想出门了"),
      List.of("尺寸一定要量好再买。", "暖光灯一开，整个房间都温柔了。", "一个周末就改造完了，成本不到一千。")),
  FITNESS(
      List.of("健身", "减脂", "帕梅拉", "跑步", "普拉提"),
      List.of("普拉提", "跳绳", "瑜伽", "夜跑", "帕梅拉", "臀腿训练", "游泳", "骑行", "壶铃", "拉伸"),
      List.of(
          "坚持{item}{n}天，我的身体变化{emoji}",
          "{n}分钟{item}｜在家就能练",
          "减脂{n}斤，我做对了这几件事",
          "{item}入门｜新手不要踩这些坑",
          "打卡第{n}天，{item}真的会上瘾",
          "不节食!{item}+饮食,{n}个月瘦到理想体重",
          "\"练了没效果\"?可能是{item}姿势不对"),
      List.of("每周练4次，每次40分钟。", "饮食上就是少油少糖，碳水不戒。", "最重要的是坚持，别三天打鱼两天晒网。")),
  READING(
      List.of("读书", "读书笔记", "书单推荐", "自我成长", "好书分享"),
      List.of("小说", "散文集", "心理学书", "传记", "历史书", "推理小说", "诗集", "经济学入门书"),
      List.of(
          "{n}本让我熬夜读完的{item}{emoji}",
          "读完这本{item}，我终于和自己和解了",
          "{season}书单｜适合一个人慢慢看的{item}",
          "今年读的第{n}本书:一本{adj}的{item}",
          "摘抄｜\"人生没有白走的路,每一步都算数\"",
          "如果你最近很迷茫，去读这几本{item}"),
      List.of("书里有一句话让我想了很久。", "适合睡前读，文字很温柔。", "推荐给所有正在焦虑的年轻人。")),
  PARENTING(
      List.of("母婴", "育儿", "宝宝辅食", "新手妈妈", "带娃日常"),
      List.of("辅食", "婴儿车", "绘本", "安抚奶嘴", "儿童餐椅", "爬行垫", "宝宝衣服", "奶瓶", "早教玩具"),
      List.of(
          "{n}个月宝宝{item}分享{emoji}",
          "新手妈妈必看｜{item}怎么选",
          "宝宝小众高品质高颜值{item}推荐",
          "后悔没早买的{item}，带娃轻松一半",
          "二胎妈妈的{item}清单,不花冤枉钱",
          "婆婆说\"{item}没必要买\",用过才知道真香"),
      List.of("宝宝现在一觉能睡到天亮。", "材质是食品级的，可以放心啃。", "整理了一份清单，需要的姐妹自取。")),
  DIGITAL(
      List.of("数码", "数码好物", "桌面改造", "效率工具", "科技"),
      List.of("机械键盘", "降噪耳机", "平板", "显示器", "充电宝", "电子阅读器", "智能手表", "无线鼠标", "相机", "扫地机器人"),
      List.of(
          "{price}元的{item},体验居然这么好{emoji}",
          "用了{n}个月，说说这款{item}的真实感受",
          "桌面改造｜{adj}风{item}分享",
          "{item}怎么选?{n}款横评",
          "学生党{item}推荐,{price}元以内闭眼入",
          "别被\"参数党\"骗了,{item}看这几点就够"),
      List.of("续航大概两天一充。", "连接很稳定，延迟基本感觉不到。", "颜值在线，放桌上很好看。")),
  PETS(
      List.of("萌宠", "猫咪", "狗狗", "铲屎官日常", "养猫"),
      List.of("猫粮", "猫砂", "狗绳", "猫爬架", "冻干", "宠物饮水机", "逗猫棒", "狗窝"),
      List.of(
          "我家猫今天又在拆家{emoji}",
          "养猫{n}年，这些{item}真的好用",
          "新手铲屎官必看｜{item}怎么选",
          "主子最爱的{item}，空了{n}袋了",
          "狗子第一次见雪,{adj}到不行{emoji}",
          "被\"网红{item}\"坑了,大家别买"),
      List.of("主子很给面子，一上来就吃光了。", "毛发变得很顺滑。", "记得定期带去体检哦。")),
  STUDY(
      List.of("学习", "考研", "自律", "英语学习", "学习方法"),
      List.of("单词书", "笔记法", "错题本", "番茄钟", "背诵方法", "网课", "真题", "时间管理法"),
      List.of(
          "考研{n}天,我是怎么逆袭的{emoji}",
          "高效{item}，让我一天学{n}小时不累",
          "自律打卡第{n}天｜{adj}的学习日常",
          "学霸都在用的{item}，后悔没早知道",
          "\"学不进去\"怎么办?试试这个{item}"),
      List.of("每天早上6点起床，先背一小时单词。", "方法比努力更重要。", "大家一起加油，上岸！"));

  private final List<String> tags;
  private final List<String> items;
  private final List<String> titles;
  private final List<String> lines;

  Topic(List<String> tags, List<String> items, List<String> titles, List<String> lines) {
    this.tags = tags;
    this.items = items;
    this.titles = titles;
    this.lines = lines;
  }

  /** Hashtags of the topic, without the {@code #…[话题]#} markup. */
  List<String> tags() {
    return tags;
  }

  /** Things a note of the topic is about ({@code {item}}). */
  List<String> items() {
    return items;
  }

  /** Title templates. */
  List<String> titles() {
    return titles;
  }

  /** Sentences for the note text. */
  List<String> lines() {
    return lines;
  }
}
