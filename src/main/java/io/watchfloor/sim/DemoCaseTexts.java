package io.watchfloor.sim;

import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What the simulated district's cases are about, per category, and what the units and officers write on them:
 * plausible Chinese text, so the console, the field page and the wall show what a command centre would see.
 */
final class DemoCaseTexts {
  /** A title and its description. */
  record Subject(String title, String description) {
  }

  private static final Map<String, List<Subject>> SUBJECTS = Map.of(
      "petition", List.of(
          new Subject("土地流转补偿诉求", "村民来访反映土地流转补偿款未按期发放，要求核实"),
          new Subject("邻里宅基地纠纷", "两户村民因宅基地界址发生争执，请求调解"),
          new Subject("拖欠工资投诉", "务工人员反映工地拖欠工资三个月"),
          new Subject("噪音扰民信访", "居民来电反映夜间施工噪音扰民")),
      "sanitation", List.of(
          new Subject("垃圾满溢", "村口垃圾箱满溢，周边有散落垃圾"),
          new Subject("河道漂浮物", "河道发现成片漂浮物，需要打捞"),
          new Subject("乱堆乱放", "路边堆放建筑垃圾，占用道路"),
          new Subject("公厕保洁不到位", "公厕卫生差，群众反映异味")),
      "checkpoint", List.of(
          new Subject("卡口设备故障", "测温设备读数异常，需要检修"),
          new Subject("车辆积压", "卡口排队车辆超过二十辆，请求增派人手"),
          new Subject("登记台账缺失", "夜班登记台账不全，需补录核对"),
          new Subject("可疑车辆", "一辆外地货车多次往返，未配合登记")),
      "other", List.of(
          new Subject("道路积水", "暴雨后路段积水约三十厘米，影响通行"),
          new Subject("路灯损坏", "主干道路灯连续五盏不亮"),
          new Subject("井盖缺失", "人行道井盖缺失，存在安全隐患")));

  private static final List<String> HANDLED = List.of("已到现场处理完毕，见照片", "已协调相关人员处置，现场已恢复",
      "已处理并做好记录，请核查");
  private static final List<String> PASSED = List.of("现场核查已处理到位", "电话回访群众满意", "照片与现场一致，同意结案");
  private static final List<String> REWORK = List.of("现场仍有遗留，请返工", "照片不清，处置不彻底，请重新处理");

  private DemoCaseTexts() {
  }

  static Subject subject(String category, Random random) {
    List<Subject> list = SUBJECTS.getOrDefault(category, SUBJECTS.get("other"));
    return list.get(random.nextInt(list.size()));
  }

  static String handled(Random random) {
    return HANDLED.get(random.nextInt(HANDLED.size()));
  }

  static String passed(Random random) {
    return PASSED.get(random.nextInt(PASSED.size()));
  }

  static String rework(Random random) {
    return REWORK.get(random.nextInt(REWORK.size()));
  }

  /** The case category of a site kind: the unit that posts for those sites takes its cases. */
  static String category(String siteKind) {
    return switch (siteKind) {
      case "community" -> "petition";
      case "inspection" -> "sanitation";
      case "checkpoint" -> "checkpoint";
      default -> "other";
    };
  }
}
