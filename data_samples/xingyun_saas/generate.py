"""Generate the synthetic sample engagement 星云软件 (Xingyun Software).

SYNTHETIC DATA. 星云软件 is a fictional B2B SaaS company. Every name, scorecard,
number and answer in this folder is made up to demonstrate and test Orient; none of it
describes a real company or a real person.

Run from any directory::

    python data_samples/xingyun_saas/generate.py

It rewrites ``engagement.yaml``, ``README.md`` and ``inputs/*.csv`` identically on every
run (``numpy.random.default_rng(20261121)``). Only the standard library, numpy, pandas
and pyyaml are used, through the machinery shared by all samples in ``../_synth.py``.

The current scorecards are deliberately internal-leaning and contain every typical
defect of METHOD §2.4 at least once; the customer journey contains RACI defects and
uncovered moments of truth; the outcomes contain "high sellers with poor customer
outcomes" and one department that is "KPI green, customer red". ``README.md`` lists
where each deliberate defect sits; the rows are found by :func:`find_defects`.
"""
from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
sys.dont_write_bytecode = True  # no __pycache__ in data_samples/, whose folders are samples
sys.path.insert(0, str(HERE.parent))  # data_samples/, home of the shared _synth.py
import _synth as synth  # noqa: E402

INPUTS = HERE / "inputs"
SEED = 20261121
PERIODS = ["2025Q1", "2025Q2", "2025Q3", "2025Q4"]
H, L = synth.HIGHER, synth.LOWER

DEPARTMENTS = ["销售部", "市场部", "客户成功部", "客户服务中心", "交付实施部",
               "研发产品部", "人力资源部", "财务部"]
CUSTOMER_FACING = ["销售部", "客户成功部", "客户服务中心", "交付实施部"]

# Indicator cards (see synth.Card for the models of their actuals). Drivers here: push
# (selling drive), care (customer care), work (diligence) or none.
ind = synth.card

PCT = dict(hi=100.0)
GAP = dict(model="gap", mu=0.85, sd=0.35, beta=0.25, hi=100.0)

# Indicator library of the client (name -> card). Targets are per quarter.
INDICATORS: dict[str, synth.Card] = {
    # ---- 销售部 / 市场部
    "销售额完成率": ind("考核期内已确认的软件订阅及服务收入占销售目标的比例",
                   "已确认销售收入÷销售目标×100%", H, "CRM系统、财务系统", "季度",
                   "销售运营专员", 100, "{t}%", "B", "结果",
                   driver="push", mu=0.97, sd=0.07, beta=0.14, lo=30, hi=180),
    "新签合同额": ind("考核期内新签并完成双方盖章的合同总金额(含税)", "∑新签合同金额",
                  H, "CRM系统", "季度", "销售运营专员", 300, "≥{t}万元/季度", "B", "结果",
                  driver="push", mu=0.97, sd=0.12, beta=0.18),
    "回款率": ind("考核期内实际到账金额占当期应回款合同金额的比例",
               "实际回款金额÷当期应回款金额×100%", H, "财务系统", "季度", "财务应收会计",
               90, "≥{t}%", "B", "结果", **GAP),
    "净收入留存率(NRR)": ind("期初存量客户在期末的年度经常性收入(ARR)占期初ARR的比例，"
                        "含增购，扣除降级与流失",
                        "(期初ARR+增购ARR−降级ARR−流失ARR)÷期初ARR×100%", H,
                        "CRM系统、财务系统", "季度", "客户成功运营专员", 105, "≥{t}%",
                        "B", "结果", driver="care", mu=0.98, sd=0.03, beta=0.04, lo=70, hi=140),
    "人均产能": ind("团队考核期内新签合同额与平均在岗人数之比", "团队新签合同额÷团队平均人数",
                H, "CRM系统、HR系统", "季度", "销售运营专员", 75, "≥{t}万元/人·季度",
                "I", "过程", driver="push", sd=0.08, beta=0.1),
    "预算执行率": ind("考核期内实际发生费用占批准预算的比例", "实际费用÷预算费用×100%",
                  L, "财务系统", "季度", "财务BP", 100, "≤{t}%", "I", "过程",
                  driver="none", mu=0.96, sd=0.05, lo=60, hi=130),
    "CRM录入完整率": ind("CRM中客户、联系人、商机和拜访记录的必填字段填写完整的记录占比",
                     "必填字段完整的记录数÷应录入记录数×100%", H, "CRM系统", "月度",
                     "销售运营专员", 95, "≥{t}%", "I", "过程", **GAP),
    "新客户数": ind("考核期内首次签约并付费的客户数量", "首次签约付费客户计数", H, "CRM系统",
                "季度", "销售运营专员", 3, "≥{t}家/季度", "B", "结果",
                driver="push", mu=0.95, sd=0.3, beta=0.3, dec=0),
    "客户拜访完成率": ind("实际完成并在CRM签到的客户拜访次数占计划拜访次数的比例",
                    "实际拜访次数÷计划拜访次数×100%", H, "CRM系统", "月度", "销售运营专员",
                    100, "{t}%", "I", "过程", mu=0.98, sd=0.07, lo=40, hi=130),
    "商机转化率": ind("考核期内赢单的商机数占新建商机数的比例", "赢单商机数÷新建商机数×100%",
                  H, "CRM系统", "季度", "销售运营专员", 25, "≥{t}%", "B", "过程",
                  driver="push", sd=0.15, beta=0.15, lo=3, hi=70),
    "客户投诉率": ind("考核期内所负责客户中发生有效投诉的客户所占比例",
                  "有效投诉客户数÷负责客户数×100%", L, "工单系统", "季度", "客服运营主管",
                  3, "≤{t}%", "C", "结果", driver="care", sd=0.3, beta=0.35, hi=20),
    "外呼量": ind("考核期内通话时长≥30秒的有效外呼次数", "有效外呼次数累计", H, "呼叫中心系统",
               "季度", "销售运营专员", 2400, "≥{t}次/季度", "I", "过程",
               mu=1.03, sd=0.08, dec=0),
    "有效通话时长": ind("考核期内有效外呼的通话时长累计", "∑有效外呼通话时长", H, "呼叫中心系统",
                   "季度", "销售运营专员", 120, "≥{t}小时/季度", "I", "过程",
                   mu=1.02, sd=0.1),
    "新增商机数": ind("考核期内在CRM中新建并经销售主管确认的商机数量", "确认商机数累计", H,
                  "CRM系统", "季度", "销售运营专员", 30, "≥{t}个/季度", "I", "过程",
                  driver="push", sd=0.15, beta=0.15, dec=0),
    "方案按时提交率": ind("在与客户约定日期前提交的解决方案占全部方案需求的比例",
                    "按时提交方案数÷方案需求总数×100%", H, "CRM系统", "季度", "售前经理",
                    95, "≥{t}%", "I", "过程", **GAP),
    "POC成功率": ind("POC测试结束后转为正式签约的项目占POC项目总数的比例",
                   "POC后签约项目数÷POC项目数×100%", H, "CRM系统", "季度", "售前经理",
                   60, "≥{t}%", "B", "结果", driver="push", mu=0.95, sd=0.2, beta=0.15, **PCT),
    "投标中标率": ind("中标项目数占参与投标项目数的比例", "中标项目数÷投标项目数×100%", H,
                  "CRM系统", "季度", "销售运营专员", 35, "≥{t}%", "B", "结果",
                  driver="push", mu=0.95, sd=0.25, beta=0.15, **PCT),
    "售前支持次数": ind("考核期内完成的需求调研、产品演示、方案讲解等售前支持次数",
                   "售前支持记录计数", H, "CRM系统", "季度", "售前经理", 40, "≥{t}次/季度",
                   "I", "过程", mu=1.05, sd=0.12, dec=0),
    "方案内部评审通过率": ind("提交内部评审的方案中一次通过的比例",
                      "一次通过方案数÷提交评审方案数×100%", H, "OA审批系统", "季度",
                      "售前经理", 90, "≥{t}%", "I", "过程", **GAP),
    "渠道销售额完成率": ind("通过渠道伙伴实现的销售收入占渠道销售目标的比例",
                     "渠道销售收入÷渠道销售目标×100%", H, "CRM系统", "季度", "渠道运营专员",
                     100, "{t}%", "B", "结果", driver="push", mu=0.95, sd=0.1, beta=0.12,
                     lo=30, hi=180),
    "新签约渠道数": ind("考核期内新签订合作协议并完成首单的渠道伙伴数量", "新签约渠道计数", H,
                   "CRM系统", "季度", "渠道运营专员", 4, "≥{t}家/季度", "I", "过程",
                   driver="push", sd=0.3, beta=0.2, dec=0),
    "渠道培训场次": ind("面向渠道伙伴开展的产品与销售培训场次", "培训场次累计", H, "OA审批系统",
                   "季度", "渠道运营专员", 6, "≥{t}场/季度", "K", "能力", sd=0.2, dec=0),
    "渠道费用预算执行率": ind("渠道返利、市场支持等渠道费用实际发生额占预算的比例",
                      "渠道费用实际发生额÷渠道费用预算×100%", L, "财务系统", "季度",
                      "财务BP", 100, "≤{t}%", "I", "过程",
                      driver="none", mu=0.97, sd=0.06, lo=60, hi=130),
    "有效线索数(MQL)": ind("经市场部线索评分达到合格标准的销售线索数量", "合格线索计数", H,
                       "营销自动化平台", "季度", "市场运营专员", 600, "≥{t}条/季度", "I",
                       "过程", mu=1.02, sd=0.12, dec=0),
    "线索转化率": ind("市场合格线索(MQL)转为销售认可商机(SQL)的比例", "SQL数÷MQL数×100%", H,
                  "营销自动化平台、CRM系统", "季度", "市场运营专员", 20, "≥{t}%", "B", "过程",
                  sd=0.12, beta=0.08, **PCT),
    "市场活动场次": ind("考核期内举办的线上直播、行业沙龙与展会活动场次", "活动场次累计", H,
                   "营销自动化平台", "季度", "市场运营专员", 12, "≥{t}场/季度", "I", "过程",
                   mu=1.03, sd=0.15, dec=0),
    "官网访问量": ind("官网独立访客数(UV)", "考核期内官网UV累计", H, "网站统计工具", "季度",
                  "市场运营专员", 60000, "≥{t}UV/季度", "I", "过程", sd=0.1, dec=0),
    # ---- 客户成功部
    "续约率": ind("到期客户中按期完成续约的客户数占到期应续约客户数的比例",
               "已续约客户数÷到期应续约客户数×100%", H, "CRM系统", "季度",
               "客户成功运营专员", 90, "≥{t}%", "C", "结果",
               model="gap", driver="care", mu=1.1, sd=0.3, beta=0.35, hi=100.0),
    "客户流失率": ind("期初付费客户中在考核期内到期未续约或提前解约的客户所占比例",
                  "流失客户数÷期初付费客户数×100%", L, "CRM系统", "季度",
                  "客户成功运营专员", 8, "≤{t}%", "C", "结果",
                  driver="care", mu=1.05, sd=0.25, beta=0.3, hi=40),
    "NPS净推荐值": ind("季度NPS调研中推荐者(9–10分)占比减去贬损者(0–6分)占比",
                    "推荐者占比−贬损者占比", H, "满意度问卷系统", "季度", "客户成功运营专员",
                    30, "≥{t}", "C", "结果",
                    driver="care", mu=0.95, sd=0.3, beta=0.4, lo=-100, hi=100, dec=0),
    "团队人均管理客户数": ind("团队在管付费客户数与客户成功经理人数之比",
                      "在管付费客户数÷客户成功经理人数", H, "客户成功平台", "季度",
                      "客户成功运营专员", 40, "≥{t}家/人", "I", "过程",
                      driver="none", mu=1.02, sd=0.05),
    "人员流失率": ind("考核期内主动离职人数占平均在职人数的比例", "主动离职人数÷平均在职人数×100%",
                  L, "HR系统", "季度", "HRBP", 5, "≤{t}%", "K", "能力",
                  driver="none", mu=0.9, sd=0.5, hi=30),
    "增购金额": ind("存量客户增购模块、账号或服务的合同金额", "∑增购合同金额", H, "CRM系统",
                "季度", "客户成功运营专员", 40, "≥{t}万元/季度", "B", "结果",
                driver="push", mu=0.95, sd=0.2, beta=0.15),
    "客户健康度评分": ind("按登录活跃度、关键功能使用深度、工单情况和付款及时性加权计算的"
                    "在管客户健康分平均值(百分制)",
                    "∑(各维度得分×维度权重)，按在管客户取平均", H, "客户成功平台", "月度",
                    "客户成功运营专员", 75, "≥{t}分", "C", "结果",
                    driver="care", sd=0.05, beta=0.08, lo=30, **PCT),
    "关键功能使用率": ind("已上线客户的活跃账号中，近30天使用过审批流、报表中心或开放API"
                    "等关键功能的账号占比",
                    "使用关键功能的活跃账号数÷活跃账号总数×100%", H, "产品埋点平台", "月度",
                    "产品运营专员", 60, "≥{t}%", "C", "结果",
                    driver="care", mu=0.95, sd=0.08, beta=0.1, lo=10, **PCT),
    "QBR完成数": ind("与重点客户完成季度业务回顾(QBR)会议并提交纪要的次数", "QBR纪要计数", H,
                   "客户成功平台", "季度", "客户成功运营专员", 8, "≥{t}次/季度", "I", "过程",
                   sd=0.2, dec=0),
    "续约金额完成率": ind("实际续约合同金额占续约金额目标的比例", "续约合同金额÷续约金额目标×100%",
                    H, "CRM系统", "季度", "客户成功运营专员", 100, "{t}%", "B", "结果",
                    driver="push", mu=0.97, sd=0.07, beta=0.08, lo=50, hi=150),
    "续费回款及时率": ind("在账期内完成续费回款的客户占应回款续费客户的比例",
                    "账期内回款客户数÷应回款续费客户数×100%", H, "财务系统", "季度",
                    "财务应收会计", 95, "≥{t}%", "B", "结果", **GAP),
    "客户培训场次": ind("面向客户开展的线上或线下产品培训场次", "培训场次累计", H, "客户成功平台",
                   "季度", "客户成功运营专员", 15, "≥{t}场/季度", "I", "过程",
                   mu=1.03, sd=0.15, dec=0),
    "客户培训覆盖人数": ind("参加客户培训的客户方学员人数(去重)", "参训学员去重计数", H,
                     "客户成功平台", "季度", "客户成功运营专员", 300, "≥{t}人/季度", "I", "过程",
                     mu=1.02, sd=0.12, dec=0),
    "培训满意度": ind("客户方学员对产品培训的满意度评分平均值(5分制)",
                  "满意度评分之和÷有效评价份数", H,
                  "满意度问卷系统", "季度", "客户成功运营专员", 4.5, "≥{t}分", "C", "结果",
                  model="gap", driver="care", mu=0.9, sd=0.3, beta=0.3, hi=5.0, dec=2),
    "课件更新数": ind("新增或更新的客户培训课件与操作手册份数", "课件更新计数", H, "知识库",
                  "季度", "客户成功运营专员", 6, "≥{t}份/季度", "I", "过程", sd=0.2, dec=0),
    # ---- 客户服务中心
    "接通率": ind("呼入电话中被坐席接起的比例", "接通来电数÷呼入来电总数×100%", H, "呼叫中心系统",
               "月度", "客服运营主管", 95, "≥{t}%", "I", "过程",
               model="gap", mu=0.8, sd=0.3, beta=0.3, hi=100.0),
    "平均通话时长": ind("坐席单次通话从接通到挂断的平均时长", "通话总时长÷接通通话数", L,
                   "呼叫中心系统", "月度", "客服运营主管", 300, "≤{t}秒", "I", "过程",
                   mu=0.97, sd=0.06, lo=120, hi=600, dec=0),
    "工单处理量": ind("考核期内由本人处理并关闭的工单数量", "已关闭工单计数", H, "工单系统",
                  "季度", "客服运营主管", 1500, "≥{t}单/季度", "I", "过程",
                  sd=0.07, beta=0.06, dec=0),
    "客户满意度(CSAT)": ind("服务结束后满意度回访中评价为4分或5分(5分制)的比例",
                        "4–5分评价数÷有效评价数×100%", H, "满意度问卷系统", "月度",
                        "客服运营主管", 90, "≥{t}%", "C", "结果",
                        model="gap", driver="care", mu=0.95, sd=0.25, beta=0.3, hi=100.0),
    "投诉处理及时率": ind("在24小时内响应并在约定时限内办结的投诉占全部投诉的比例",
                    "按时办结投诉数÷投诉总数×100%", H, "工单系统", "月度", "客服运营主管",
                    95, "≥{t}%", "C", "过程",
                    model="gap", driver="care", mu=0.9, sd=0.3, beta=0.3, hi=100.0),
    "质检合格率": ind("抽检的通话与工单中质检得分≥80分的比例", "质检合格数÷抽检总数×100%", H,
                  "质检系统", "月度", "质检专员", 95, "≥{t}%", "I", "过程", **GAP),
    "排班执行率": ind("坐席按排班表准时在岗的班次占比", "准时在岗班次数÷排班班次数×100%", H,
                  "呼叫中心系统", "月度", "客服运营主管", 98, "≥{t}%", "I", "过程", **GAP),
    "培训人次": ind("参加公司内部培训的累计人次", "∑各场培训实际参训人数", H, "HR系统", "季度",
                "培训主管", 60, "≥{t}人次/季度", "K", "能力", sd=0.12, dec=0),
    "工单积压数": ind("考核期末超过处理时限仍未关闭的工单数量", "期末超时未关闭工单计数", L,
                  "工单系统", "月度", "客服运营主管", 50, "≤{t}单", "I", "过程",
                  mu=0.9, sd=0.25, beta=0.15, dec=0),
    "平均解决时长": ind("工单从创建到关闭的平均时长", "∑工单处理时长÷已关闭工单数", L, "工单系统",
                   "月度", "客服运营主管", 24, "≤{t}小时", "I", "过程",
                   mu=0.95, sd=0.12, beta=0.08, lo=2),
    "一次解决率": ind("首次联系即解决、且7天内未重开或重复来电的工单占已解决工单的比例",
                  "首次解决工单数÷已解决工单数×100%(重开工单不计入分子)", H, "工单系统",
                  "月度", "客服运营主管", 80, "≥{t}%", "C", "结果",
                  driver="care", mu=0.98, sd=0.05, beta=0.07, **PCT),
    "转研发工单占比": ind("升级至研发处理的工单占本人处理工单的比例",
                    "转研发工单数÷处理工单总数×100%", L, "工单系统", "月度", "客服运营主管",
                    10, "≤{t}%", "I", "过程", mu=0.95, sd=0.2, beta=0.1),
    "知识库文章数": ind("新增并通过审核的知识库文章篇数", "审核通过文章计数", H, "知识库", "季度",
                   "客服运营主管", 10, "≥{t}篇/季度", "K", "能力", sd=0.25, dec=0),
    "质检覆盖率": ind("抽检的通话与工单数占通话与工单总量的比例", "抽检数量÷通话与工单总量×100%",
                  H, "质检系统", "月度", "客服运营主管", 5, "≥{t}%", "I", "过程",
                  mu=1.05, sd=0.1),
    "质检报告按时提交率": ind("按规定日期提交质检分析报告的比例",
                      "按时提交报告数÷应提交报告数×100%", H,
                      "OA审批系统", "月度", "客服运营主管", 100, "{t}%", "I", "过程",
                      mu=0.99, sd=0.03, **PCT),
    # ---- 交付实施部
    "项目按期交付率": ind("在合同约定上线日期前通过客户验收的项目占应交付项目的比例",
                    "按期验收项目数÷应交付项目数×100%", H, "项目管理系统", "季度", "PMO专员",
                    90, "≥{t}%", "C", "结果",
                    model="gap", driver="care", mu=1.2, sd=0.35, beta=0.35, hi=100.0),
    "交付毛利率": ind("项目收入扣除项目人工及外包成本后的毛利占项目收入的比例",
                  "(项目收入−人工成本−外包成本)÷项目收入×100%", H, "财务系统、项目管理系统",
                  "季度", "财务BP", 35, "≥{t}%", "B", "结果", mu=0.98, sd=0.1, hi=70),
    "人天利用率": ind("可计费人天占可用人天的比例", "可计费人天÷可用人天×100%", H, "项目管理系统",
                  "月度", "PMO专员", 80, "≥{t}%", "I", "过程", **PCT),
    "实施周期": ind("从实施启动会到客户签署验收单的平均自然日", "∑项目实施天数÷验收项目数", L,
                "项目管理系统", "季度", "PMO专员", 60, "≤{t}天", "I", "过程",
                driver="care", mu=1.05, sd=0.12, beta=0.1, dec=0),
    "客户验收通过率": ind("首次提交即通过客户验收的项目占提交验收项目的比例",
                    "首次验收通过项目数÷提交验收项目数×100%", H, "项目管理系统", "季度",
                    "PMO专员", 85, "≥{t}%", "C", "结果",
                    model="gap", driver="care", mu=1.0, sd=0.3, beta=0.35, hi=100.0),
    "工时填报及时率": ind("按周在规定时间前填报工时的人次占应填报人次的比例",
                    "按时填报人次÷应填报人次×100%", H, "项目管理系统", "月度", "PMO专员",
                    98, "≥{t}%", "I", "过程", **GAP),
    "变更单数量": ind("项目实施中发起的范围变更单数量", "变更单计数", L, "项目管理系统", "季度",
                  "PMO专员", 3, "≤{t}个/季度", "I", "过程",
                  model="poisson", driver="care", mu=2.5, beta=0.2, dec=0),
    "任务按时完成率": ind("实施计划中按计划日期完成的任务占到期任务的比例",
                    "按期完成任务数÷到期任务数×100%", H, "项目管理系统", "月度", "PMO专员",
                    95, "≥{t}%", "I", "过程", **GAP),
    "实施文档完整率": ind("按交付规范提交的实施文档占应提交文档的比例",
                    "已提交合格文档数÷应提交文档数×100%", H, "项目管理系统", "季度",
                    "PMO专员", 100, "{t}%", "I", "过程", mu=0.97, sd=0.04, **PCT),
    # ---- 研发产品部
    "版本按时发布率": ind("按发布计划日期上线的版本占计划发布版本数的比例",
                    "按时发布版本数÷计划发布版本数×100%", H, "研发管理平台(Jira)", "季度",
                    "研发效能经理", 90, "≥{t}%", "I", "过程", **GAP),
    "需求交付数量": ind("考核期内完成开发并上线的需求数量", "上线需求计数", H, "研发管理平台(Jira)",
                   "季度", "研发效能经理", 30, "≥{t}个/季度", "I", "过程", sd=0.12, dec=0),
    "PRD评审通过率": ind("需求文档(PRD)首次评审即通过的比例",
                     "首次评审通过PRD数÷提交评审PRD数×100%", H,
                     "研发管理平台(Jira)", "季度", "研发效能经理", 85, "≥{t}%", "I", "过程",
                     **GAP),
    "客户需求采纳数": ind("来自客户反馈并纳入版本计划的需求数量", "纳入版本计划的客户需求计数", H,
                    "研发管理平台(Jira)", "季度", "产品运营专员", 8, "≥{t}个/季度", "C", "过程",
                    driver="care", sd=0.25, beta=0.15, dec=0),
    "竞品分析报告数": ind("完成并在产品部内分享的竞品分析报告份数", "报告计数", H, "知识库", "季度",
                    "产品总监", 2, "≥{t}份/季度", "K", "能力", sd=0.3, dec=0),
    "BUG数量": ind("测试及线上发现的、归属本人代码的缺陷数(严重缺陷按3个折算)",
                 "一般缺陷数+严重缺陷数×3", L, "研发管理平台(Jira)", "季度", "测试主管",
                 15, "≤{t}个/季度", "I", "过程", mu=0.95, sd=0.25, beta=0.15, dec=0),
    "代码评审通过率": ind("提交的合并请求首次评审即通过的比例",
                    "首次评审通过合并请求数÷合并请求总数×100%", H,
                    "代码托管平台(GitLab)", "月度", "研发效能经理", 90, "≥{t}%", "I", "过程",
                    **GAP),
    "单元测试覆盖率": ind("本人负责模块的单元测试行覆盖率", "被测试覆盖的代码行数÷总代码行数×100%",
                    H, "持续集成平台", "月度", "研发效能经理", 70, "≥{t}%", "I", "过程",
                    sd=0.08, **PCT),
    "线上故障数": ind("本人负责模块引发的P1/P2级线上故障次数", "P1/P2级故障计数", L,
                  "运维监控平台", "季度", "运维主管", 1, "≤{t}次/季度", "R", "结果",
                  model="poisson", mu=0.6, beta=0.3, dec=0),
    "系统可用率": ind("SaaS服务可用时长占考核期总时长的比例(不含计划内维护窗口)",
                  "(总时长−不可用时长)÷总时长×100%", H, "运维监控平台", "月度", "运维主管",
                  99.9, "≥{t}%", "C", "结果",
                  model="gap", mu=0.7, sd=0.5, beta=0.3, hi=100.0, dec=2),
    "故障恢复时长(MTTR)": ind("P1/P2级故障从告警到服务恢复的平均时长", "∑故障恢复时长÷故障次数",
                         L, "运维监控平台", "季度", "运维主管", 60, "≤{t}分钟", "I", "过程",
                         mu=0.9, sd=0.25, beta=0.15, lo=5, dec=0),
    "变更成功率": ind("生产环境变更一次成功、未回滚的比例", "成功变更数÷变更总数×100%", H,
                  "运维监控平台", "月度", "运维主管", 98, "≥{t}%", "I", "过程", **GAP),
    "告警响应及时率": ind("P1/P2告警在5分钟内被值班人员确认的比例", "及时确认告警数÷告警总数×100%",
                    H, "运维监控平台", "月度", "运维主管", 95, "≥{t}%", "I", "过程", **GAP),
    "信息安全违规次数": ind("发生客户数据违规导出、账号外借、敏感信息外发等信息安全违规的次数；"
                     "发生即一票否决",
                     "经信息安全委员会认定的违规事件计数", L, "信息安全审计系统", "季度",
                     "信息安全专员", 0, "{t}次", "R", "过程",
                     model="poisson", mu=0.04, beta=0.3, dec=0),
    # ---- 人力资源部 / 财务部
    "招聘及时率": ind("在用人部门要求的到岗日期前入职的岗位数占招聘需求岗位数的比例",
                  "按期到岗岗位数÷招聘需求岗位数×100%", H, "HR系统", "季度", "招聘主管",
                  85, "≥{t}%", "I", "过程", mu=0.97, sd=0.08, **PCT),
    "关键人才流失率": ind("核心岗位(P6及以上及关键销售)主动离职人数占该群体平均人数的比例",
                    "核心岗位主动离职人数÷核心岗位平均人数×100%", L, "HR系统", "季度", "HRBP",
                    3, "≤{t}%", "K", "能力", driver="none", mu=0.9, sd=0.5, hi=30),
    "绩效考核按时完成率": ind("在规定时间内完成绩效评估与面谈的员工比例",
                      "按时完成评估与面谈人数÷应考核人数×100%", H, "HR系统", "季度", "HRBP",
                      100, "{t}%", "I", "过程", mu=0.97, sd=0.03, **PCT),
    "人工成本预算执行率": ind("实际人工成本占人工成本预算的比例", "实际人工成本÷人工成本预算×100%",
                      L, "财务系统", "季度", "财务BP", 100, "≤{t}%", "I", "过程",
                      driver="none", mu=0.97, sd=0.03, lo=60, hi=130),
    "员工满意度": ind("敬业度调研中员工满意度维度的得分(百分制)", "满意度维度题目得分平均值", H,
                  "敬业度调研", "季度", "HRBP", 80, "≥{t}分", "K", "能力",
                  driver="none", mu=0.97, sd=0.04, **PCT),
    "招聘完成数": ind("考核期内完成入职的人数", "入职人数计数", H, "HR系统", "季度", "招聘主管",
                  20, "≥{t}人/季度", "I", "过程", sd=0.15, dec=0),
    "试用期转正率": ind("试用期到期员工中转正人数的比例", "转正人数÷试用期到期人数×100%", H,
                   "HR系统", "季度", "招聘主管", 85, "≥{t}%", "I", "过程", sd=0.06, **PCT),
    "人均招聘成本": ind("招聘渠道费、猎头费与招聘活动费用之和除以入职人数",
                   "招聘总费用÷入职人数", L,
                   "财务系统", "季度", "招聘主管", 3000, "≤{t}元/人", "I", "过程",
                   sd=0.12, dec=0),
    "培训计划完成率": ind("实际完成的培训项目占培训计划中本期项目的比例",
                    "已完成培训项目数÷本期计划培训项目数×100%", H, "HR系统", "季度", "培训主管",
                    95, "≥{t}%", "I", "过程", **GAP),
    "应收账款周转天数": ind("平均应收账款余额与日均营业收入之比",
                     "平均应收账款余额÷(营业收入÷考核期天数)", L, "财务系统", "季度",
                     "财务经理", 60, "≤{t}天", "B", "结果", sd=0.1, dec=0),
    "开票及时率": ind("在合同约定或客户申请后3个工作日内开具发票的比例",
                  "按时开票笔数÷应开票笔数×100%", H, "财务系统", "月度", "财务经理", 98,
                  "≥{t}%", "I", "过程", **GAP),
    "逾期应收占比": ind("超过信用期未收回的应收账款占应收账款余额的比例",
                   "逾期应收账款÷应收账款余额×100%", L, "财务系统", "季度", "财务经理", 10,
                   "≤{t}%", "B", "结果", sd=0.2, beta=0.1),
    "对账差错次数": ind("与客户或内部对账中发现的差错次数", "对账差错计数", L, "财务系统", "季度",
                   "财务经理", 2, "≤{t}次/季度", "R", "过程",
                   model="poisson", mu=1.2, beta=0.3, dec=0),
}

# Same indicator name, different definition in another department (defect h, METHOD §2.4).
VARIANTS: dict[tuple[str, str], synth.Card] = {
    ("客户满意度(CSAT)", "交付实施部"): ind(
        "项目验收时客户满意度问卷的平均得分(百分制)", "问卷各题得分×题目权重之和，按项目取平均",
        H, "满意度问卷系统", "季度", "PMO专员", 85, "≥{t}分", "C", "结果",
        driver="care", sd=0.04, beta=0.06, lo=40, **PCT),
    ("人均产能", "交付实施部"): ind(
        "部门考核期内经客户确认的交付人天与平均在岗人数之比", "客户确认交付人天÷部门平均人数",
        H, "项目管理系统", "季度", "PMO专员", 55, "≥{t}人天/人·季度", "I", "过程", sd=0.08),
    ("培训满意度", "人力资源部"): ind(
        "员工对内部培训课程评价为“满意”及以上的比例", "满意及以上评价数÷有效评价数×100%",
        H, "HR系统", "季度", "培训主管", 90, "≥{t}%", "C", "结果", **GAP),
    ("任务按时完成率", "研发产品部"): ind(
        "迭代计划内按期完成的故事点占计划故事点的比例", "按期完成故事点÷迭代计划故事点×100%",
        H, "研发管理平台(Jira)", "月度", "研发效能经理", 90, "≥{t}%", "I", "过程", **GAP),
}

# Current scorecards: (department, position, [(indicator, weight[, position target])]).
POSITIONS = [
    ("销售部", "销售总监", [("销售额完成率", 30), ("新签合同额", 20, 2800), ("回款率", 15),
                        ("净收入留存率(NRR)", 10), ("人均产能", 10), ("预算执行率", 10),
                        ("CRM录入完整率", 5)]),
    ("销售部", "大客户销售经理", [("销售额完成率", 40), ("新签合同额", 30, 200),
                           ("新客户数", 15, 2), ("客户拜访完成率", 10), ("CRM录入完整率", 5)]),
    ("销售部", "区域销售经理", [("销售额完成率", 30), ("新签合同额", 20, 100), ("回款率", 15),
                          ("客户拜访完成率", 15), ("商机转化率", 10), ("客户投诉率", 5),
                          ("CRM录入完整率", 5)]),
    ("销售部", "电话销售专员", [("外呼量", 30), ("新增商机数", 25), ("销售额完成率", 25),
                          ("有效通话时长", 20)]),
    ("销售部", "售前解决方案顾问", [("方案按时提交率", 25), ("POC成功率", 25), ("投标中标率", 20),
                            ("售前支持次数", 20), ("方案内部评审通过率", 10)]),
    ("销售部", "渠道经理", [("渠道销售额完成率", 40), ("新签约渠道数", 25), ("渠道培训场次", 15),
                        ("渠道费用预算执行率", 15)]),
    ("市场部", "市场经理", [("有效线索数(MQL)", 35), ("线索转化率", 20), ("市场活动场次", 20),
                        ("预算执行率", 15), ("官网访问量", 10)]),
    ("客户成功部", "客户成功总监", [("净收入留存率(NRR)", 30), ("续约率", 20), ("客户流失率", 15),
                            ("NPS净推荐值", 10), ("团队人均管理客户数", 10), ("人员流失率", 10),
                            ("预算执行率", 5)]),
    ("客户成功部", "客户成功经理", [("续约率", 20), ("增购金额", 20), ("客户健康度评分", 15),
                            ("客户拜访完成率", 15), ("关键功能使用率", 10), ("QBR完成数", 10),
                            ("CRM录入完整率", 10)]),
    ("客户成功部", "续费专员", [("续约金额完成率", 65), ("续费回款及时率", 20),
                          ("CRM录入完整率", 15)]),
    ("客户成功部", "客户培训顾问", [("客户培训场次", 30), ("客户培训覆盖人数", 30),
                            ("培训满意度", 20), ("课件更新数", 20)]),
    ("客户服务中心", "客服主管", [("接通率", 15), ("工单处理量", 15, 12000), ("平均通话时长", 10),
                          ("客户满意度(CSAT)", 10), ("投诉处理及时率", 10), ("质检合格率", 10),
                          ("人员流失率", 10), ("工单积压数", 10), ("排班执行率", 5),
                          ("培训人次", 5)]),
    ("客户服务中心", "客服专员", [("工单处理量", 30), ("平均通话时长", 25), ("接通率", 20),
                          ("质检合格率", 10), ("客户满意度(CSAT)", 10), ("信息安全违规次数", 5)]),
    ("客户服务中心", "技术支持工程师", [("工单处理量", 25, 300), ("平均解决时长", 25),
                             ("一次解决率", 20), ("转研发工单占比", 15), ("知识库文章数", 15)]),
    ("客户服务中心", "质检专员", [("质检覆盖率", 60), ("质检报告按时提交率", 40)]),
    ("交付实施部", "交付总监", [("项目按期交付率", 25), ("交付毛利率", 25), ("人天利用率", 20),
                          ("预算执行率", 10), ("客户满意度(CSAT)", 10), ("人均产能", 10)]),
    ("交付实施部", "实施项目经理", [("项目按期交付率", 25), ("实施周期", 20),
                            ("客户验收通过率", 15), ("交付毛利率", 15), ("变更单数量", 15),
                            ("工时填报及时率", 10)]),
    ("交付实施部", "实施顾问", [("人天利用率", 40), ("任务按时完成率", 25), ("工时填报及时率", 20),
                          ("实施文档完整率", 15)]),
    ("研发产品部", "产品经理", [("版本按时发布率", 30), ("需求交付数量", 25), ("PRD评审通过率", 15),
                          ("关键功能使用率", 10), ("客户需求采纳数", 10), ("竞品分析报告数", 10)]),
    ("研发产品部", "研发工程师", [("任务按时完成率", 30), ("BUG数量", 25), ("代码评审通过率", 20),
                           ("单元测试覆盖率", 15), ("线上故障数", 10)]),
    ("研发产品部", "运维工程师", [("系统可用率", 30), ("故障恢复时长(MTTR)", 25),
                           ("变更成功率", 20), ("告警响应及时率", 15), ("信息安全违规次数", 10)]),
    ("人力资源部", "HRBP", [("招聘及时率", 30), ("绩效考核按时完成率", 25), ("关键人才流失率", 20),
                        ("人工成本预算执行率", 20), ("员工满意度", 15)]),
    ("人力资源部", "招聘专员", [("招聘及时率", 35), ("招聘完成数", 30), ("试用期转正率", 20),
                          ("人均招聘成本", 15)]),
    ("人力资源部", "培训专员", [("培训人次", 40, 600), ("培训计划完成率", 30), ("培训满意度", 30)]),
    ("财务部", "应收会计", [("应收账款周转天数", 30), ("开票及时率", 30), ("逾期应收占比", 25),
                        ("对账差错次数", 15)]),
]

# Incomplete indicator cards (defect f): these fields are left empty.
INCOMPLETE = {
    ("渠道经理", "渠道销售额完成率"): ["数据责任人"],
    ("渠道经理", "新签约渠道数"): ["指标定义", "计算公式", "数据责任人"],
    ("渠道经理", "渠道培训场次"): ["计算公式", "数据来源", "数据责任人"],
    ("渠道经理", "渠道费用预算执行率"): ["数据来源", "考核周期", "数据责任人"],
    ("市场经理", "官网访问量"): ["数据责任人"],
    ("客服主管", "排班执行率"): ["数据来源", "考核周期"],
    ("实施顾问", "实施文档完整率"): ["指标定义", "计算公式"],
    ("产品经理", "竞品分析报告数"): ["计算公式", "数据来源", "数据责任人"],
    ("HRBP", "员工满意度"): ["计算公式", "数据来源"],
    ("HRBP", "绩效考核按时完成率"): ["数据责任人"],
    ("培训专员", "培训满意度"): ["计算公式", "考核周期"],
}

# Head count per position and the teams they sit in (filled round-robin).
STAFFING = {
    "销售总监": (1, ["销售管理组"]),
    "大客户销售经理": (8, ["KA一组", "KA二组"]),
    "区域销售经理": (12, ["华东一组", "华东二组", "华北组", "华南组"]),
    "电话销售专员": (10, ["电销组"]),
    "售前解决方案顾问": (4, ["售前组"]),
    "渠道经理": (3, ["渠道组"]),
    "市场经理": (2, ["市场组"]),
    "客户成功总监": (1, ["客户成功管理组"]),
    "客户成功经理": (12, ["中型客户组", "大客户组"]),
    "续费专员": (4, ["续费组"]),
    "客户培训顾问": (3, ["客户培训组"]),
    "客服主管": (2, ["一线A班", "一线B班"]),
    "客服专员": (18, ["一线A班", "一线B班"]),
    "技术支持工程师": (6, ["二线支持组"]),
    "质检专员": (2, ["质检组"]),
    "交付总监": (1, ["交付管理组"]),
    "实施项目经理": (5, ["实施一组", "实施二组"]),
    "实施顾问": (9, ["实施一组", "实施二组"]),
    "产品经理": (4, ["产品组"]),
    "研发工程师": (8, ["平台研发组", "应用研发组"]),
    "运维工程师": (2, ["运维组"]),
    "HRBP": (2, ["人力资源组"]),
    "招聘专员": (1, ["人力资源组"]),
    "培训专员": (1, ["人力资源组"]),
    "应收会计": (1, ["财务组"]),
}

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
            "蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹")
GIVEN_CHARS = ("子晨宇浩俊杰嘉怡欣雨婷思佳梓涵睿博文轩诺静雅若琳晓峰志远海波秋萍立新建华曦"
               "天佑豪铭昊悦彤航阳楠凯帆逸梦哲瑞昕淑慧敏颖瑶岚琦鑫森柏舟蕾芸菲")
# Safety net: generated names must not coincide with well-known people.
FAMOUS = {"王俊凯", "赵丽颖", "刘诗诗", "周杰伦", "马化腾", "李彦宏", "刘强东", "张一鸣",
          "黄晓明", "王一博", "朱一龙", "杨紫琼", "李宇春", "张子枫", "刘昊然", "吴宇森"}

# Employee trait shifts: customer care drifts down in 客户服务中心 (throughput pressure)
# while its internal indicators are over-achieved ("KPI green, customer red").
CARE_TREND = {"客户服务中心": -0.55, "客户成功部": 0.06}
# Team-level positions: their traits are the mean of their department's staff.
TEAM_LEADS = ("销售总监", "客户成功总监", "客服主管", "交付总监")
KPI_BOOST = {"客户服务中心": [0.05, 0.08, 0.11, 0.14]}
SIM = synth.Simulation(PERIODS, CARE_TREND, KPI_BOOST, boosted_groups="BIKR")

JOURNEY = [
    ("认知", "行业案例与内容触达", "能看到同行业的真实案例，价值讲得明白", 3, 3,
     "市场部", "销售部", "客户成功部", "研发产品部", ""),
    ("认知", "留资后的首次联系", "留资当天就有人联系，基本问题能当场答复", 4, 3,
     "销售部", "市场部", "", "", "有效线索数(MQL)、外呼量、线索转化率"),
    ("购买决策", "需求调研与方案演示", "方案贴合自己的业务场景，不是千篇一律的功能演示", 5, 3,
     "销售部", "研发产品部", "交付实施部", "客户成功部", "方案按时提交率"),
    ("购买决策", "POC试用验证", "试用环境稳定，遇到问题当天有人响应", 5, 2,
     "交付实施部", "销售部", "研发产品部", "客户服务中心", "POC成功率"),
    ("购买决策", "报价与商务谈判", "报价透明，折扣与付款条件一次讲清", 4, 3,
     "销售部", "财务部", "", "", ""),
    ("签约", "合同评审与签署", "合同条款与售前承诺一致，审批不拖延", 4, 3,
     "财务部", "销售部、交付实施部", "研发产品部", "客户成功部", "新签合同额"),
    ("签约", "开票与首期付款", "发票准确及时，付款流程顺畅", 3, 4,
     "财务部", "销售部", "", "客户成功部", "开票及时率、回款率"),
    ("上线实施", "销售到实施的交接", "不用把需求和承诺再讲一遍", 5, 2,
     "销售部", "交付实施部", "客户成功部", "", ""),
    ("上线实施", "实施启动与计划确认", "清楚知道上线时间表和双方分工", 4, 3,
     "交付实施部", "客户成功部", "销售部", "客户服务中心", "项目按期交付率"),
    ("上线实施", "数据迁移与系统对接", "历史数据完整迁移，与现有ERP、OA顺利打通", 5, 2,
     "研发产品部", "交付实施部", "客户服务中心", "客户成功部", "实施周期"),
    ("上线实施", "上线培训", "一线员工学得会、用得上，培训内容贴合岗位", 4, 3,
     "客户成功部", "交付实施部", "", "客户服务中心", "客户培训场次、客户培训覆盖人数"),
    ("上线实施", "上线验收", "验收标准清楚，遗留问题有人跟到闭环", 4, 3,
     "交付实施部", "客户成功部", "销售部、研发产品部、客户服务中心、财务部", "", "客户验收通过率"),
    ("使用", "关键功能使用与价值实现", "用起来能看到业务效果，不是只开了账号", 5, 2,
     "研发产品部", "客户成功部", "交付实施部", "销售部", "关键功能使用率"),
    ("使用", "系统稳定与性能", "不宕机，月末结账高峰不卡顿", 5, 4,
     "", "研发产品部", "", "客户服务中心、客户成功部", "系统可用率"),
    ("使用", "日常咨询(热线/在线)", "一次讲清楚，不被来回转接", 5, 2,
     "客户服务中心", "客户成功部", "研发产品部", "", "平均通话时长、接通率、工单处理量"),
    ("使用", "故障报修与升级处理", "故障有明确处理时限，进度有人主动通知", 5, 1,
     "客户服务中心、研发产品部", "客户成功部", "交付实施部", "销售部", ""),
    ("使用", "需求反馈与产品迭代", "提的需求有回音，知道什么时候能上线", 4, 2,
     "研发产品部", "客户成功部", "客户服务中心", "销售部", "客户需求采纳数、版本按时发布率"),
    ("服务与续约", "季度业务回顾(QBR)", "有人主动复盘使用效果并给出改进建议", 4, 3,
     "客户成功部", "销售部", "研发产品部", "", "QBR完成数"),
    ("服务与续约", "续约谈判与增购", "续约价格合理、提前沟通，不被临时涨价", 5, 3,
     "客户成功部", "销售部", "财务部", "", "续约率、续约金额完成率、增购金额"),
    ("服务与续约", "账单与发票问题处理", "账单看得懂，发票有误能快速更正", 2, 3,
     "财务部", "客户成功部", "财务部、客户服务中心", "", "开票及时率"),
    ("推荐/流失", "流失预警与挽回", "出现问题时有人主动上门解决", 5, 2,
     "客户成功部", "销售部", "客户服务中心", "研发产品部", "客户流失率"),
    ("推荐/流失", "推荐与案例共建", "愿意推荐时有简单的渠道和相应回馈", 3, 2,
     "市场部", "客户成功部", "销售部", "", "NPS净推荐值"),
]

# (respondent, role, answers to the four questions in synth.SURVEY_QUESTIONS order)
SURVEY = [
    ("M01", "销售总监", "高低低低"),
    ("M02", "区域销售经理(华东)", "高中低中"),
    ("M03", "市场经理", "中低中低"),
    ("M04", "客户成功总监", "中中高高"),
    ("M05", "客服经理", "高低高高"),
    ("M06", "客服主管(一线B班)", "中低高高"),
    ("M07", "交付总监", "中中高中"),
    ("M08", "实施项目经理", "中低高高"),
    ("M09", "产品总监", "高中中低"),
    ("M10", "研发经理", "中低中中"),
    ("M11", "HRBP", "中低中中"),
    ("M12", "财务经理", "低低低中"),
]

ENGAGEMENT = {
    "client": "星云软件(合成示例)",
    "client_en": "Xingyun Software (synthetic sample)",
    "synthetic": True,
    "language": "zh",
    "industry": "saas",
    "business_model": "saas",
    "stage": "growth",
    "market": "stock",
    "competition": "high",
    "product_homogeneity": "high",
    "compliance_level": "normal",
    "process_maturity": "medium",
    "employees": None,  # filled with the number of rows of employees.csv
    "value_propositions": ["fast_response", "brand_experience"],
    "strategy_goals": ["2027年客户续约率由86%提升至92%",
                       "净收入留存率(NRR)稳定在110%以上",
                       "中型企业客户上线周期缩短至45天以内"],
    "segments": ["中型企业", "大型企业"],
    "customer_facing_units": CUSTOMER_FACING,
    "policy": "default",
    "report": synth.SAMPLE_REPORT,
}
ENGAGEMENT_HEADER = ("# SYNTHETIC SAMPLE DATA — 合成示例数据：星云软件为虚构公司，"
                     "所有数据均为生成，不代表任何真实企业或个人。\n"
                     "# Written by generate.py; edit the script, not this file.\n")

# English names of the client's own terms, written to inputs/glossary.csv: English reports of
# this Chinese engagement show them instead of the Chinese (the client name stays out: see
# client_en). Indicator names the KPI library already names are left to the library, except
# where the library card's name would misstate the client's indicator (marked "not the card").
GLOSSARY_EN: dict[str, str] = {
    # departments
    "销售部": "Sales",
    "市场部": "Marketing",
    "客户成功部": "Customer Success",
    "客户服务中心": "Customer Service Centre",
    "交付实施部": "Delivery and Implementation",
    "研发产品部": "R&D and Product",
    "人力资源部": "Human Resources",
    "财务部": "Finance",
    # positions (and survey roles)
    "销售总监": "Sales Director",
    "大客户销售经理": "Key Account Sales Manager",
    "区域销售经理": "Regional Sales Manager",
    "区域销售经理(华东)": "Regional Sales Manager (East China)",
    "电话销售专员": "Telesales Specialist",
    "售前解决方案顾问": "Presales Solution Consultant",
    "渠道经理": "Channel Manager",
    "市场经理": "Marketing Manager",
    "客户成功总监": "Customer Success Director",
    "客户成功经理": "Customer Success Manager",
    "续费专员": "Renewals Specialist",
    "客户培训顾问": "Customer Training Consultant",
    "客服经理": "Customer Service Manager",
    "客服主管": "Customer Service Supervisor",
    "客服主管(一线B班)": "Customer Service Supervisor (Front-line Shift B)",
    "客服专员": "Customer Service Specialist",
    "技术支持工程师": "Technical Support Engineer",
    "质检专员": "Quality Assurance Specialist",
    "交付总监": "Delivery Director",
    "实施项目经理": "Implementation Project Manager",
    "实施顾问": "Implementation Consultant",
    "产品总监": "Product Director",
    "产品经理": "Product Manager",
    "研发经理": "R&D Manager",
    "研发工程师": "R&D Engineer",
    "运维工程师": "IT Operations Engineer",
    "招聘专员": "Recruitment Specialist",
    "培训专员": "Training Specialist",
    "财务经理": "Finance Manager",
    "应收会计": "Accounts Receivable Accountant",
    # teams
    "销售管理组": "Sales Leadership Team",
    "KA一组": "Key Account Team 1",
    "KA二组": "Key Account Team 2",
    "华东一组": "East China Team 1",
    "华东二组": "East China Team 2",
    "华北组": "North China Team",
    "华南组": "South China Team",
    "电销组": "Telesales Team",
    "售前组": "Presales Team",
    "渠道组": "Channel Team",
    "市场组": "Marketing Team",
    "客户成功管理组": "Customer Success Leadership Team",
    "中型客户组": "Mid-sized Accounts Team",
    "大客户组": "Key Accounts Team",
    "续费组": "Renewals Team",
    "客户培训组": "Customer Training Team",
    "一线A班": "Front-line Shift A",
    "一线B班": "Front-line Shift B",
    "二线支持组": "Second-line Support Team",
    "质检组": "Quality Assurance Team",
    "交付管理组": "Delivery Leadership Team",
    "实施一组": "Implementation Team 1",
    "实施二组": "Implementation Team 2",
    "产品组": "Product Team",
    "平台研发组": "Platform R&D Team",
    "应用研发组": "Application R&D Team",
    "运维组": "IT Operations Team",
    "人力资源组": "Human Resources Team",
    "财务组": "Finance Team",
    # indicators the library does not name
    "人均产能": "Productivity per head",
    "CRM录入完整率": "CRM entry completeness",
    "外呼量": "Outbound calls",
    "有效通话时长": "Effective talk time",
    "方案按时提交率": "On-time proposal submission rate",
    "售前支持次数": "Presales support sessions",
    "渠道销售额完成率": "Channel sales revenue attainment",
    "新签约渠道数": "New channel partners signed",
    "渠道培训场次": "Channel partner training sessions",
    "渠道费用预算执行率": "Channel expense budget execution rate",
    "官网访问量": "Website unique visitors",
    "团队人均管理客户数": "Accounts managed per team member",
    "QBR完成数": "QBRs completed",
    "续费回款及时率": "On-time renewal payment rate",
    "客户培训场次": "Customer training sessions",
    "客户培训覆盖人数": "Customer trainees reached",
    "培训满意度": "Training satisfaction",
    "课件更新数": "Training materials updated",
    "投诉处理及时率": "On-time complaint handling rate",
    "质检合格率": "Quality assurance pass rate",
    "工单积压数": "Ticket backlog",
    "信息安全违规次数": "Information security violations",
    "转研发工单占比": "Share of tickets escalated to R&D",
    "知识库文章数": "Knowledge base articles published",
    "质检覆盖率": "Quality assurance coverage",
    "质检报告按时提交率": "On-time quality assurance report submission rate",
    "人天利用率": "Person-day utilisation rate",
    "变更单数量": "Change orders raised",
    "工时填报及时率": "On-time timesheet submission rate",
    "任务按时完成率": "On-time task completion rate",
    "实施文档完整率": "Implementation documentation completeness",
    "需求交付数量": "Requirements delivered",
    "PRD评审通过率": "First-pass PRD review rate",
    "竞品分析报告数": "Competitor analysis reports",
    "BUG数量": "Bug count",
    "代码评审通过率": "First-pass code review rate",
    "单元测试覆盖率": "Unit test coverage",
    "线上故障数": "Production incidents",
    "告警响应及时率": "On-time alert response rate",
    "关键人才流失率": "Key-talent turnover rate",
    "人工成本预算执行率": "Labour cost budget execution rate",
    "招聘完成数": "Hires completed",
    "培训计划完成率": "Training plan completion rate",
    "开票及时率": "On-time invoicing rate",
    "对账差错次数": "Reconciliation errors",
    # matched to a library card whose name would misstate the client's indicator (not the card)
    "员工满意度": "Employee satisfaction",
    "投标中标率": "Bid win rate",
    "客户需求采纳数": "Customer requests adopted",
    # customer outcomes
    "客户NPS": "Customer NPS",
    "客户投诉数": "Customer complaints",
    "KPI达成率": "KPI attainment",
    # journey stages
    "签约": "Signing",
    "上线实施": "Implementation and go-live",
    "服务与续约": "Service and renewal",
    # touchpoints
    "行业案例与内容触达": "Reach through industry case studies and content",
    "留资后的首次联系": "First contact after a lead leaves its details",
    "需求调研与方案演示": "Needs analysis and solution demo",
    "POC试用验证": "Proof-of-concept trial",
    "报价与商务谈判": "Quotation and commercial negotiation",
    "合同评审与签署": "Contract review and signing",
    "开票与首期付款": "Invoicing and first payment",
    "销售到实施的交接": "Sales-to-implementation handover",
    "实施启动与计划确认": "Implementation kick-off and plan sign-off",
    "数据迁移与系统对接": "Data migration and system integration",
    "上线培训": "Go-live training",
    "上线验收": "Go-live and acceptance",
    "关键功能使用与价值实现": "Key feature use and value realisation",
    "系统稳定与性能": "System stability and performance",
    "日常咨询(热线/在线)": "Everyday enquiries (hotline/online)",
    "故障报修与升级处理": "Incident reporting and escalation",
    "需求反馈与产品迭代": "Feature requests and product iteration",
    "季度业务回顾(QBR)": "Quarterly business review (QBR)",
    "续约谈判与增购": "Renewal negotiation and expansion",
    "账单与发票问题处理": "Billing and invoice issue handling",
    "流失预警与挽回": "Churn alerts and win-back",
    "推荐与案例共建": "Referrals and joint case studies",
    # what the customer cares about
    "能看到同行业的真实案例，价值讲得明白":
        "Real cases from our own industry, and the value explained clearly",
    "留资当天就有人联系，基本问题能当场答复":
        "Contacted the day we leave our details, with basic questions answered on the spot",
    "方案贴合自己的业务场景，不是千篇一律的功能演示":
        "A proposal that fits our business scenario, not a one-size-fits-all feature demo",
    "试用环境稳定，遇到问题当天有人响应":
        "A stable trial environment, with a same-day response when problems come up",
    "报价透明，折扣与付款条件一次讲清":
        "Transparent pricing, with discounts and payment terms made clear in one go",
    "合同条款与售前承诺一致，审批不拖延":
        "Contract terms that match the presales promises, and approval without delay",
    "发票准确及时，付款流程顺畅": "Accurate, timely invoices and a smooth payment process",
    "不用把需求和承诺再讲一遍":
        "Not having to explain our needs and the promises made all over again",
    "清楚知道上线时间表和双方分工":
        "A clear go-live timetable and a clear split of work between both sides",
    "历史数据完整迁移，与现有ERP、OA顺利打通":
        "Historical data migrated in full and smooth integration with our existing ERP and OA "
        "systems",
    "一线员工学得会、用得上，培训内容贴合岗位":
        "Front-line staff can learn it and use it, with training that fits their jobs",
    "验收标准清楚，遗留问题有人跟到闭环":
        "Clear acceptance criteria, and someone following open issues through to closure",
    "用起来能看到业务效果，不是只开了账号":
        "Business results from using it, not just accounts opened",
    "不宕机，月末结账高峰不卡顿": "No outages and no slowdowns at the month-end closing peak",
    "一次讲清楚，不被来回转接":
        "Sorted out in one conversation, without being transferred back and forth",
    "故障有明确处理时限，进度有人主动通知":
        "A clear time limit for fixing incidents, with progress updates without having to ask",
    "提的需求有回音，知道什么时候能上线":
        "Requests get an answer, and we know when they will be released",
    "有人主动复盘使用效果并给出改进建议":
        "Someone proactively reviews our results with the product and suggests improvements",
    "续约价格合理、提前沟通，不被临时涨价":
        "A fair renewal price discussed in advance, with no last-minute increases",
    "账单看得懂，发票有误能快速更正":
        "Bills that are easy to understand, and invoice errors corrected quickly",
    "出现问题时有人主动上门解决":
        "When problems come up, someone comes on site to solve them without being asked",
    "愿意推荐时有简单的渠道和相应回馈":
        "An easy way to refer others when we want to, and something in return",
    # segments and strategy goals
    "中型企业": "Mid-sized enterprises",
    "大型企业": "Large enterprises",
    "2027年客户续约率由86%提升至92%":
        "Raise the customer renewal rate from 86% to 92% by 2027.",
    "净收入留存率(NRR)稳定在110%以上": "Keep net revenue retention (NRR) steadily above 110%.",
    "中型企业客户上线周期缩短至45天以内":
        "Cut the time to go-live for mid-sized enterprise customers to within 45 days.",
}


# ----------------------------------------------------------------------------- scorecards
def build_current_kpis(rows: list[dict]) -> pd.DataFrame:
    """Current scorecards as the client exported them (Chinese headers, weights in points)."""
    return synth.current_kpis_table(rows, INCOMPLETE, weight_cell=int, blank="")


# ------------------------------------------------------------------------------ employees
def build_employees(rng: np.random.Generator) -> pd.DataFrame:
    """Employees with department, position, team and a synthetic name."""
    staff = synth.staff_table(POSITIONS, STAFFING, "E{:04d}")
    staff["姓名"] = synth.distinct_names(
        len(staff), lambda: synth.name_with_two_given_chars(rng, SURNAMES, GIVEN_CHARS), FAMOUS)
    return staff


# -------------------------------------------------------------------------------- actuals
def designate_high_sellers(rng: np.random.Generator, entries: list[dict],
                           traits: pd.DataFrame) -> tuple[list[str], list[str]]:
    """Make about a third of the top-20 % sellers careless with customers.

    Ranks employees by mean 销售额完成率 over the year; picks round(top/3) of the top
    20 % (KA and regional managers only) and gives them a low customer-care trait; the
    other top sellers get a positive one; ``acct`` is pushed the same way so the
    pattern does not depend on luck. Returns (top sellers, careless top sellers).
    """
    sales = pd.DataFrame([e for e in entries if e["指标名称"] == "销售额完成率"])
    means = sales.groupby("工号")["实际值"].mean().sort_values(ascending=False)
    top = synth.top_of(means, 0.2)
    positions = sales.drop_duplicates("工号").set_index("工号")["岗位"]
    pool = [e for e in top if positions[e] in ("大客户销售经理", "区域销售经理")]
    careless = synth.pick_careless(rng, traits, top, pool, size=int(round(len(top) / 3)),
                                   careless_care=-1.5, careless_acct=-0.3)
    return top, careless


# ------------------------------------------------------------------------------- outcomes
def employee_outcomes(rng: np.random.Generator, employees: pd.DataFrame,
                      traits: pd.DataFrame, entries: list[dict]) -> pd.DataFrame:
    """Customer outcomes of customer-facing employees' accounts per quarter.

    NPS, renewal and complaints follow customer care modestly and the employee's account
    portfolio (``acct``) strongly, plus quarterly noise; for employees whose card carries
    续约率 / NPS净推荐值 the outcome equals the scorecard actual, so the files agree.
    """
    own = {(e["工号"], e["期间"], e["指标名称"]): e["实际值"] for e in entries}

    def outcomes_of(emp: str, period: str, care: float, acct: float) -> tuple:
        noise = rng.standard_normal(2)
        nps_model = 22 + 9 * care + 11 * acct + 7 * noise[0]
        renewal_model = 87 + 2.5 * care + 3 * acct + 2 * noise[1]
        nps = own.get((emp, period, "NPS净推荐值"), round(min(max(nps_model, -100), 100)))
        renewal = own.get((emp, period, "续约率"), round(min(max(renewal_model, 50), 100), 1))
        complaints = int(rng.poisson(0.9 * math.exp(-0.35 * care - 0.3 * acct)))
        return (("客户NPS", synth.number_text(nps, 0)), ("续约率", synth.number_text(renewal, 1)),
                ("客户投诉数", str(complaints)))

    facing = employees[employees["部门"].isin(CUSTOMER_FACING)]
    return synth.outcome_rows(facing, traits, SIM, outcomes_of, no_unit="")


def department_outcomes(entries: list[dict], per_employee: pd.DataFrame,
                        employees: pd.DataFrame) -> pd.DataFrame:
    """Department KPI达成率 (see :func:`_synth.department_kpi`) and 客户NPS.

    客户NPS = mean of the department's employee NPS.
    """
    figures = {"KPI达成率": synth.department_kpi(entries),
               "客户NPS": synth.department_mean(per_employee, employees, "客户NPS")}
    return synth.department_rows(CUSTOMER_FACING, PERIODS, figures, lambda v: f"{v:.1f}",
                                 no_id="")


# ------------------------------------------------------------------------------- defects
SCORECARD_RULES = synth.ScorecardRules(
    where="inputs/current_kpis.csv", customer_facing=CUSTOMER_FACING, weight_text=str,
    sells=lambda department, position: department == "销售部",
    volume={"销售额完成率", "新签合同额", "新客户数"},
    balance={"回款率", "交付毛利率", "续约率", "净收入留存率(NRR)", "客户流失率"},
    volume_only_note="只有销量/金额指标，无毛利、回款或留存")


def find_defects(kpis: pd.DataFrame, rows: list[dict], journey: pd.DataFrame) -> list[tuple]:
    """Locate the deliberate defects. Returns (code, file, spreadsheet rows, note) tuples.

    Row numbers are as a spreadsheet shows them: the header is row 1.
    """
    return (synth.scorecard_defects(kpis, rows, SCORECARD_RULES)
            + synth.journey_defects(journey, "inputs/journey.csv"))


def check_patterns(outcomes: pd.DataFrame, careless: list[str]) -> None:
    """Fail loudly if a parameter change broke a pattern that README.md promises."""
    per_emp = outcomes[outcomes["工号"] != ""].assign(v=lambda f: f["数值"].astype(float))
    means = per_emp.pivot_table(index="工号", columns="客户指标", values="v", aggfunc="mean")
    for emp in careless:
        for metric in ("客户NPS", "续约率"):
            if not means.at[emp, metric] < means[metric].median():
                raise AssertionError(f"{emp}: {metric} is not in the bottom half")
    dept = outcomes[outcomes["部门"] == "客户服务中心"].assign(v=lambda f: f["数值"].astype(float))
    kpi = dept.loc[dept["客户指标"] == "KPI达成率", "v"].to_numpy()
    nps = dept.loc[dept["客户指标"] == "客户NPS", "v"].to_numpy()
    if not synth.kpi_green_customer_red(kpi, nps):
        raise AssertionError(f"客户服务中心 is not 'KPI green, customer red': {kpi}, {nps}")


# -------------------------------------------------------------------------------- writing
def write_inputs(tables: dict[str, pd.DataFrame]) -> None:
    """current_kpis.csv as UTF-8 with BOM (a Chinese Excel export), the others plain UTF-8."""
    for name, frame in tables.items():
        synth.write_csv(INPUTS, name, frame,
                        encoding="utf-8-sig" if name == "current_kpis" else "utf-8")


DEFECT_LABELS = synth.defect_labels(
    weights_total=("(a) 岗位权重合计≠100", "(a) weights of a position do not sum to 100"),
    single_weight=("(c) 单项权重>30%(含65分)", "(c) single indicator weight > 30 % (incl. 65)"),
    volume_only=("(g) 销售岗只有销量/金额", "(g) sales position with volume/amount only"))


def write_readme(tables: dict[str, pd.DataFrame], rows: list[dict], defects: list[tuple],
                 top: list[str], careless: list[str], employees: pd.DataFrame) -> None:
    """Write README.md (Chinese first, English after) with counts and defect locations."""
    counts = synth.csv_row_counts(tables)
    positions = "\n".join(f"| {d} | {'、'.join(p for dd, p, _ in POSITIONS if dd == d)} |"
                          for d in DEPARTMENTS)
    defects_zh, defects_en = (synth.defect_table(defects, DEFECT_LABELS, lang) for lang in (0, 1))
    share = synth.weight_share(rows, "C")
    names = employees.set_index("工号")["岗位"]
    careless_txt = "、".join(f"{e}({names[e]})" for e in careless)
    top_txt = "、".join(top)
    text = f"""# 星云软件 — 合成示例项目 (SYNTHETIC)

> **合成数据。** 星云软件是一家虚构的B2B SaaS公司；本目录中的公司、人员姓名、指标卡、
> 问卷回答和数值全部由 `generate.py` 随机生成，仅用于演示和测试 Orient，不代表任何真实企业或个人。

## 重新生成

```
python data_samples/xingyun_saas/generate.py
```

可在任意目录运行；依赖 numpy、pandas、pyyaml；随机种子 `20261121`，每次生成的文件完全相同。
`engagement.yaml`、`README.md` 与 `inputs/*.csv` 均由脚本写出，请修改脚本而不是直接改文件。

## 文件与行数(不含表头)

| 文件 | 行数 |
|---|---|
{counts}

`current_kpis.csv` 为带BOM的UTF-8(模拟中文Excel导出)，其余为UTF-8。

## 部门与岗位

| 部门 | 岗位 |
|---|---|
{positions}

面向客户的部门：{'、'.join(CUSTOMER_FACING)}。

## 刻意设置的问题

行号按电子表格显示(表头为第1行)。(d)(e)(g) 按本示例自己的指标分类判定，
Orient 的自动分类可能略有差异。

| 问题 | 文件 | 行 | 说明 |
|---|---|---|---|
{defects_zh}

其他刻意设置的模式：

- **现行指标偏内部导向**：多数权重在流程、成本、产出量和内部任务上；按本示例的分类，
  客户类指标只占全部权重的 {share:.1f}%。
- **旅程覆盖**：“日常咨询(热线/在线)”重要性5、表现2，只关联了平均通话时长、接通率、
  工单处理量等产出类指标——形式上“有指标覆盖”，但没有衡量客户体验的指标。
- **问卷**：12名管理者对“客户相关指标占比”的感知(多为高/中)明显比实测乐观；
  “部门KPI冲突频率”和“客户不满但KPI合格”两题中，销售/财务与客服/交付的回答分歧明显。
- **高销售、低客户结果**：按全年平均销售额完成率排名前20%的员工为 {top_txt}；
  其中 {careless_txt} 的客户NPS和续约率(全年平均)都处于全部面向客户员工的后50%。
- **KPI绿、客户红**：`outcomes.csv` 中客户服务中心的 KPI达成率 每季度都≥100%，
  而其客户NPS逐季下降。部门 KPI达成率 = 部门内员工“Σ权重×min(达成度,120%)÷Σ权重”的平均值，
  部门客户NPS = 部门员工客户NPS的平均值。
- `actuals.csv` 的 `事件数` 只在“信息安全违规次数”(一票否决类)行填写。

---

# Xingyun Software — synthetic sample engagement

> **Synthetic data.** Xingyun Software (星云软件) is a fictional B2B SaaS company. Every company
> name, person name, scorecard, survey answer and number here is generated by `generate.py`
> to demonstrate and test Orient; none of it describes a real company or person.

## Regenerate

```
python data_samples/xingyun_saas/generate.py
```

Runs from any directory; needs numpy, pandas and pyyaml; seed `20261121`, so every run writes
identical files. `engagement.yaml`, `README.md` and `inputs/*.csv` are all written by the script:
change the script, not the files.

## Files and row counts (without header)

| file | rows |
|---|---|
{counts}

`current_kpis.csv` is UTF-8 with BOM (as a Chinese Excel export); the others are UTF-8.

## Deliberate defects

Row numbers as a spreadsheet shows them (header = row 1). (d), (e) and (g) use this sample's
own indicator classification; Orient's automatic classification may differ slightly.

| defect | file | rows | note |
|---|---|---|---|
{defects_en}

Other deliberate patterns:

- **Internal-leaning scorecards**: most weight sits on process, cost, throughput and internal
  tasks; by this sample's classification customer indicators carry only {share:.1f} % of all weight.
- **Journey coverage**: 日常咨询(热线/在线) (importance 5, performance 2) is linked only to
  throughput indicators (平均通话时长, 接通率, 工单处理量): formally covered, but nothing measures
  the customer's experience.
- **Survey**: the twelve managers perceive the customer share of scorecards (question
  客户相关指标占比, mostly high/medium) as much higher than measured; on 部门KPI冲突频率 and
  客户不满但KPI合格 sales/finance and service/delivery managers disagree.
- **High sellers, poor customer outcomes**: the top 20 % by mean 销售额完成率 are {top_txt};
  of these, {careless_txt} have customer NPS and renewal rate (yearly mean) in the bottom half of
  all customer-facing employees.
- **KPI green, customer red**: in `outcomes.csv`, 客户服务中心 has KPI达成率 ≥ 100 every quarter
  while its 客户NPS falls quarter after quarter. Department KPI达成率 = mean over its employees of
  Σ weight × min(attainment, 120 %) / Σ weight; department 客户NPS = mean of its employees' NPS.
- `事件数` in `actuals.csv` is filled only on the veto-type indicator 信息安全违规次数.
"""
    (HERE / "README.md").write_text(text, encoding="utf-8")


#: A consultant's AHP judgements for one position, as the weighting notebook's pairwise editor
#: saves them (synthetic: they illustrate replay and the consistency check; one judgement,
#: feature adoption vs visits, contradicts the others on purpose).
WEIGHT_DECISIONS = """\
# SYNTHETIC SAMPLE DATA — 合成示例:顾问在工作坊中给出的两两比较判断(虚构),批量运行时重放。
# Written by generate.py; edit the script, not this file.
客户成功部 · 客户成功经理:
  method: ahp
  judgements:
    "customer_success.renewal_rate | customer_success.health_score": "2"
    "customer_success.renewal_rate | rnd.key_feature_adoption_rate": "4"
    "customer_success.renewal_rate | sales.visit_completion": "5"
    "customer_success.renewal_rate | customer_service.complaint_plan_within_24h": "3"
    "customer_success.health_score | rnd.key_feature_adoption_rate": "2"
    "customer_success.health_score | sales.visit_completion": "4"
    "customer_success.health_score | customer_service.complaint_plan_within_24h": "2"
    "rnd.key_feature_adoption_rate | sales.visit_completion": "1/3"
    "customer_service.complaint_plan_within_24h | rnd.key_feature_adoption_rate": "1"
    "customer_service.complaint_plan_within_24h | sales.visit_completion": "3"
"""


def write_decisions() -> None:
    """decisions/weights.yaml: the consultant's saved AHP judgements (replayed by batch runs)."""
    folder = HERE / "decisions"
    folder.mkdir(exist_ok=True)
    (folder / "weights.yaml").write_text(WEIGHT_DECISIONS, encoding="utf-8")


def main() -> None:
    """Generate every file of the sample engagement."""
    rng = np.random.default_rng(SEED)
    rows = synth.scorecard_rows(POSITIONS, INDICATORS, VARIANTS)
    kpis = build_current_kpis(rows)
    employees = build_employees(rng)
    traits = synth.draw_traits(rng, employees, dict.fromkeys(TEAM_LEADS, "department"))
    entries = synth.actual_entries(rng, employees, rows, PERIODS)
    synth.fill_actuals(entries, traits, SIM, names={"销售额完成率"})
    top, careless = designate_high_sellers(rng, entries, traits)
    synth.fill_actuals(entries, traits, SIM)
    actuals = synth.actuals_csv_table(entries, event_indicators=["信息安全违规次数"])
    per_employee = employee_outcomes(rng, employees, traits, entries)
    outcomes = pd.concat([per_employee, department_outcomes(entries, per_employee, employees)],
                         ignore_index=True)
    check_patterns(outcomes, careless)
    journey = pd.DataFrame(JOURNEY, columns=synth.JOURNEY_COLUMNS)
    survey = synth.survey_table(SURVEY)
    synth.check_glossary(GLOSSARY_EN, synth.glossary_names(employees, journey, survey, ENGAGEMENT))
    tables = {"current_kpis": kpis, "survey": survey, "journey": journey,
              "employees": employees, "actuals": actuals, "outcomes": outcomes,
              "glossary": synth.glossary_table(GLOSSARY_EN)}
    write_inputs(tables)
    synth.write_engagement(HERE, ENGAGEMENT, len(employees), ENGAGEMENT_HEADER)
    write_decisions()
    write_readme(tables, rows, find_defects(kpis, rows, journey), top, careless, employees)


if __name__ == "__main__":
    main()
